namespace RedPajama.Udfs.Tokenization;

/// <summary>The working buffers of one thread's encoding calls; reused so a warm encoder allocates only its result.</summary>
internal sealed class EncoderScratch
{
    [ThreadStatic]
    private static EncoderScratch? s_current;

    private readonly long[] _cacheOwners = new long[3];
    private readonly long[] _cacheUses = new long[3];
    private readonly SegmentCache?[] _caches = new SegmentCache?[3];
    private long _useClock;

    public static EncoderScratch Current => s_current ??= new EncoderScratch();

    public ByteBuffer Input { get; } = new();

    public ByteBuffer Normalized { get; } = new();

    public RawPieces Pieces { get; } = new();

    public BpeScratch Bpe { get; } = new();

    public UnigramScratch Unigram { get; } = new();

    public List<int> Values { get; } = [];

    public List<int> Ids { get; } = [];

    /// <summary>This thread's segment cache for the tokenizer instance <paramref name="owner"/>; a few are kept, least recently used goes first.</summary>
    public SegmentCache CacheFor(long owner)
    {
        for (int i = 0; i < _cacheOwners.Length; i++)
        {
            if (_cacheOwners[i] == owner && _caches[i] is { } found)
            {
                _cacheUses[i] = ++_useClock;
                return found;
            }
        }

        int victim = 0;
        for (int i = 1; i < _cacheOwners.Length; i++)
        {
            if (_cacheUses[i] < _cacheUses[victim])
            {
                victim = i;
            }
        }

        _cacheOwners[victim] = owner;
        _cacheUses[victim] = ++_useClock;
        return _caches[victim] = new SegmentCache();
    }

    /// <summary>Encodes a .NET string as UTF-8 into <see cref="Input"/> (lone surrogates become U+FFFD).</summary>
    public ReadOnlySpan<byte> ToUtf8(string text)
    {
        Input.Clear();
        Input.Reserve(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length));
        int length = System.Text.Encoding.UTF8.GetBytes(text, Input.WritableTail());
        Input.Truncate(length);
        return Input.Span;
    }
}
