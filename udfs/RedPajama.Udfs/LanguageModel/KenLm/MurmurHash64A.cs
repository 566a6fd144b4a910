using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>
/// Austin Appleby's MurmurHash64A (public domain), seed 0: the hash KenLM's binary models key words by, over a word's
/// UTF-8 bytes. Part of the file format, so it must produce exactly the reference function's values.
/// </summary>
internal static class MurmurHash64A
{
    private const ulong Multiplier = 0xc6a4a7935bd1e995UL;
    private const int Shift = 47;

    /// <summary>The hash of <paramref name="bytes"/> with seed 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        ref byte data = ref MemoryMarshal.GetReference(bytes);
        int length = bytes.Length;
        ulong h = (ulong)length * Multiplier;
        int blocks = length & ~7;
        for (int i = 0; i < blocks; i += 8)
        {
            // Little-endian 8-byte blocks (the format is little-endian; so are the machines .NET runs this on).
            ulong k = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, i));
            k *= Multiplier;
            k ^= k >> Shift;
            k *= Multiplier;
            h ^= k;
            h *= Multiplier;
        }

        int tail = length & 7;
        if (tail != 0)
        {
            // The remaining bytes as one little-endian number.
            ulong last = 0;
            for (int i = tail - 1; i >= 0; i--)
            {
                last = (last << 8) | Unsafe.Add(ref data, blocks + i);
            }

            h ^= last;
            h *= Multiplier;
        }

        h ^= h >> Shift;
        h *= Multiplier;
        h ^= h >> Shift;
        return h;
    }
}
