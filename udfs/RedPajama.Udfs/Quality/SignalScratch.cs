namespace RedPajama.Udfs.Quality;

/// <summary>Reusable per-thread working memory of the signal families.</summary>
internal sealed class SignalScratch
{
    private bool[] _booleans = new bool[256];
    private ulong[] _hashes = new ulong[256];
    private ulong[] _idHashes = new ulong[256];

    public ConcatenationSet Concatenations { get; } = new();

    public NGramLevels Levels { get; } = new();

    public SpanInterner Elements { get; } = new();

    public CharBuffer Line { get; } = new();

    public CharBuffer Lowered { get; } = new();

    public CharBuffer LineLowered { get; } = new();

    public Span<bool> Booleans(int length) => Grow(ref _booleans, length).AsSpan(0, length);

    public Span<ulong> Hashes(int length) => Grow(ref _hashes, length).AsSpan(0, length);

    /// <summary>A second ulong array, for values per distinct token beside <see cref="Hashes"/>.</summary>
    public Span<ulong> IdHashes(int length) => Grow(ref _idHashes, length).AsSpan(0, length);

    private static T[] Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            // A huge document gets exactly what it asks for; small ones double, to settle after a few documents.
            array = new T[length > (1 << 20) ? length : Math.Max(length, array.Length * 2)];
        }

        return array;
    }
}
