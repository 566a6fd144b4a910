using System.Buffers.Binary;

namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// Reads a Darts-clone double-array trie, the format of SentencePiece's precompiled normalisation charsmap.
/// Each 32-bit unit packs a label, a has-leaf flag and an offset; a leaf unit holds the value.
/// </summary>
internal sealed class DoubleArrayTrie
{
    private readonly uint[] _units;

    public DoubleArrayTrie(ReadOnlySpan<byte> littleEndianUnits)
    {
        if (littleEndianUnits.Length % 4 != 0)
        {
            throw new FormatException($"the charsmap trie is {littleEndianUnits.Length} bytes, not a whole number of 4-byte units");
        }

        _units = new uint[littleEndianUnits.Length / 4];
        for (int i = 0; i < _units.Length; i++)
        {
            _units[i] = BinaryPrimitives.ReadUInt32LittleEndian(littleEndianUnits[(i * 4)..]);
        }

        if (_units.Length == 0)
        {
            throw new FormatException("the charsmap trie is empty");
        }
    }

    /// <summary>
    /// The longest key that is a prefix of <paramref name="key"/> (darts <c>commonPrefixSearch</c>, keeping
    /// the longest result): its length in bytes and value, or length 0 when no key matches.
    /// </summary>
    public (int Length, int Value) LongestPrefix(ReadOnlySpan<byte> key)
    {
        uint[] units = _units;
        int bestLength = 0;
        int bestValue = 0;
        uint nodePos = Offset(units[0]);
        for (int i = 0; i < key.Length; i++)
        {
            nodePos ^= key[i];
            if (nodePos >= (uint)units.Length)
            {
                throw new FormatException("the charsmap trie points outside itself");
            }

            uint unit = units[nodePos];
            if ((unit & ((1u << 31) | 0xFF)) != key[i])
            {
                break;
            }

            nodePos ^= Offset(unit);
            if (((unit >> 8) & 1) == 1)
            {
                if (nodePos >= (uint)units.Length)
                {
                    throw new FormatException("the charsmap trie points outside itself");
                }

                bestLength = i + 1;
                bestValue = (int)(units[nodePos] & 0x7FFFFFFFu);
            }
        }

        return (bestLength, bestValue);
    }

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);
}
