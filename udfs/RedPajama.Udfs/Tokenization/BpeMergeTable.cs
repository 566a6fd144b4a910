namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// For every segmentable piece, the pairs of segmentable pieces that concatenate to it, so a BPE merge
/// candidate is one hash probe on two ids instead of a lookup of the joined bytes. It answers exactly
/// "is left + right a piece" whenever both symbols are pieces themselves.
/// </summary>
internal sealed class BpeMergeTable
{
    private readonly long[] _keys;
    private readonly int[] _merged;
    private readonly int _shift;

    public BpeMergeTable(Vocabulary vocabulary)
    {
        var pairs = new List<(long Key, int Merged)>();
        ByteTrie pieces = vocabulary.Segmentable;
        for (int id = 0; id < vocabulary.Count; id++)
        {
            if (vocabulary.Kind(id) is not (PieceKind.Normal or PieceKind.UserDefined or PieceKind.Unused))
            {
                continue;
            }

            ReadOnlySpan<byte> piece = vocabulary.PieceBytes(id);
            for (int split = SentencePieceUtf8.OneCharLength(piece[0]); split < piece.Length; split += SentencePieceUtf8.OneCharLength(piece[split]))
            {
                int left = pieces.Find(piece[..split]);
                int right = left < 0 ? -1 : pieces.Find(piece[split..]);
                if (right >= 0)
                {
                    pairs.Add((Key(left, right), id));
                }
            }
        }

        int capacity = 16;
        while (capacity < pairs.Count * 2)
        {
            capacity <<= 1;
        }

        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _keys = new long[capacity];
        Array.Fill(_keys, -1L);
        _merged = new int[capacity];
        foreach ((long key, int merged) in pairs)
        {
            int slot = Slot(key);
            while (_keys[slot] != -1L)
            {
                slot = (slot + 1) & (capacity - 1);
            }

            _keys[slot] = key;
            _merged[slot] = merged;
        }
    }

    /// <summary>The id of the piece <paramref name="left"/> + <paramref name="right"/>, or -1.</summary>
    public int Find(int left, int right)
    {
        long key = Key(left, right);
        long[] keys = _keys;
        int mask = keys.Length - 1;
        for (int slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            long found = keys[slot];
            if (found == key)
            {
                return _merged[slot];
            }

            if (found == -1L)
            {
                return -1;
            }
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private int Slot(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);
}
