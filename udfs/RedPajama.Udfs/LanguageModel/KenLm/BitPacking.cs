using System.Runtime.CompilerServices;

namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>Reads KenLM's bit-packed trie fields (<c>util/bit_packing.hh</c>): little-endian, least significant bit first.</summary>
internal static unsafe class BitPacking
{
    /// <summary>The 64 bits starting at <paramref name="bit"/> (shifted down; the caller masks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(byte* data, ulong bit) => Unsafe.ReadUnaligned<ulong>(data + (bit >> 3)) >> (int)(bit & 7);

    /// <summary>Bits needed to store every value up to <paramref name="max"/> (<c>RequiredBits</c>).</summary>
    public static int RequiredBits(ulong max)
    {
        if (max == 0)
        {
            return 0;
        }

        int bits = 1;
        while ((max >>= 1) != 0)
        {
            bits++;
        }

        return bits;
    }
}
