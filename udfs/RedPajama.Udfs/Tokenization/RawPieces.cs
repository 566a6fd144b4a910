namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// The model's segmentation of a normalised text before byte fallback: each piece is a byte range of the
/// normalised text and a vocabulary id (the unknown id for characters outside the vocabulary).
/// </summary>
internal sealed class RawPieces
{
    private int[] _starts = new int[256];
    private int[] _lengths = new int[256];
    private int[] _ids = new int[256];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Starts => _starts.AsSpan(0, Count);

    public ReadOnlySpan<int> Lengths => _lengths.AsSpan(0, Count);

    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(int start, int length, int id)
    {
        if (Count == _ids.Length)
        {
            int size = _ids.Length * 2;
            Array.Resize(ref _starts, size);
            Array.Resize(ref _lengths, size);
            Array.Resize(ref _ids, size);
        }

        _starts[Count] = start;
        _lengths[Count] = length;
        _ids[Count] = id;
        Count++;
    }

    /// <summary>Reverses the order of the pieces from <paramref name="from"/> to the end.</summary>
    public void ReverseFrom(int from)
    {
        _starts.AsSpan(from, Count - from).Reverse();
        _lengths.AsSpan(from, Count - from).Reverse();
        _ids.AsSpan(from, Count - from).Reverse();
    }
}
