namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// For every segmentable piece, the pairs of segmentable pieces that concatenate to it, so a BPE merge
/// candidate is one hash probe on two ids instead of a lookup of the joined bytes. It answers exactly
/// "is left + right a piece" whenever both symbols are pieces themselves.
/// </summary>
internal sealed class BpeMergeTable
{
    private readonly LongIntMap _merged;

    public BpeMergeTable(Vocabulary vocabulary)
    {
        var pairs = new List<KeyValuePair<long, int>>();
        ByteTrie pieces = vocabulary.Segmentable;
        for (int id = 0; id < vocabulary.Count; id++)
        {
            if (!vocabulary.IsSegmentable(id))
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
                    pairs.Add(new(Key(left, right), id));
                }
            }
        }

        _merged = new LongIntMap(pairs);
    }

    /// <summary>The id of the piece <paramref name="left"/> + <paramref name="right"/>, or -1.</summary>
    public int Find(int left, int right) => _merged.Find(Key(left, right));

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
