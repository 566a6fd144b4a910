using System.Buffers.Binary;

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
    public static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        ulong h = (ulong)bytes.Length * Multiplier;
        int blocks = bytes.Length & ~7;
        for (int i = 0; i < blocks; i += 8)
        {
            ulong k = BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(i, 8));
            k *= Multiplier;
            k ^= k >> Shift;
            k *= Multiplier;
            h ^= k;
            h *= Multiplier;
        }

        int tail = bytes.Length & 7;
        if (tail != 0)
        {
            // The remaining bytes, little-endian, as one word.
            ulong last = 0;
            for (int i = tail - 1; i >= 0; i--)
            {
                last = (last << 8) | bytes[blocks + i];
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
