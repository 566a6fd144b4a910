namespace RedPajama.Udfs.Tokenization;

/// <summary>One thread's working buffers for <see cref="ByteLevelBpeTokenizer"/>; reused so a warm encoder allocates only its result.</summary>
internal sealed class ByteLevelScratch
{
    [ThreadStatic]
    private static ByteLevelScratch? s_current;

    private long _cacheOwner;
    private SegmentCache? _cache;

    public static ByteLevelScratch Current => s_current ??= new ByteLevelScratch();

    public byte[] Utf8 { get; private set; } = new byte[256];

    public int[] Symbols { get; private set; } = new int[128];

    public int[] PairRanks { get; private set; } = new int[128];

    public int[] Lengths { get; private set; } = new int[128];

    public int[] Previous { get; private set; } = new int[128];

    public int[] Next { get; private set; } = new int[128];

    public BpeHeap Heap { get; } = new();

    public List<int> Ids { get; } = [];

    public List<int> WordIds { get; } = [];

    /// <summary>This thread's word cache for the tokenizer instance <paramref name="owner"/> (one at a time: a new owner starts it afresh).</summary>
    public SegmentCache CacheFor(long owner)
    {
        if (_cacheOwner != owner || _cache is null)
        {
            _cacheOwner = owner;
            _cache = new SegmentCache();
        }

        return _cache;
    }

    public Span<byte> Utf8Buffer(int maxBytes)
    {
        if (Utf8.Length < maxBytes)
        {
            Utf8 = new byte[Math.Max(maxBytes, Utf8.Length * 2)];
        }

        return Utf8;
    }

    public void EnsureSymbols(int count)
    {
        if (Symbols.Length >= count)
        {
            return;
        }

        int size = Math.Max(count, Symbols.Length * 2);
        Symbols = new int[size];
        PairRanks = new int[size];
        Lengths = new int[size];
        Previous = new int[size];
        Next = new int[size];
    }
}
