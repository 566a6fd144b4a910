namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// One order's n-grams read in place from a memory-mapped binary model (<see cref="NGramEntries.Write"/>'s layout):
/// the mapping is shared by every process that opens the file, so executors on one machine hold one copy.
/// </summary>
internal sealed unsafe class MappedNGramTable : INGramTable
{
    private readonly int _order;
    private readonly int* _slots;
    private readonly int _mask;
    private readonly int* _words;
    private readonly float* _probabilities;
    private readonly float* _backoffs;

    /// <summary>Reads the table at <paramref name="start"/>; advances it past the table.</summary>
    public MappedNGramTable(int order, ref byte* start, byte* end)
    {
        _order = order;
        Count = Read(ref start, end);
        int slots = Read(ref start, end);
        if (Count < 0 || slots <= 0 || (slots & (slots - 1)) != 0 || Count > slots)
        {
            throw new InvalidDataException($"order {order}: {Count} n-grams in {slots} slots");
        }

        _mask = slots - 1;
        _slots = (int*)Take(ref start, end, (long)slots * 4);
        _words = (int*)Take(ref start, end, (long)Count * order * 4);
        _probabilities = (float*)Take(ref start, end, (long)Count * 4);
        _backoffs = (float*)Take(ref start, end, (long)Count * 4);
    }

    public int Count { get; }

    public int Find(ReadOnlySpan<int> words)
    {
        int slot = NGramHash.FirstSlot(words, _mask);
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (Words(entry - 1).SequenceEqual(words))
            {
                return entry - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    public float Probability(int entry) => _probabilities[entry];

    public float Backoff(int entry) => _backoffs[entry];

    public ReadOnlySpan<int> Words(int entry) => new(_words + ((long)entry * _order), _order);

    internal static int Read(ref byte* start, byte* end) => *(int*)Take(ref start, end, 4);

    internal static byte* Take(ref byte* start, byte* end, long bytes)
    {
        if (bytes < 0 || end - start < bytes)
        {
            throw new InvalidDataException($"the file ends: {bytes} more bytes expected, {end - start} left");
        }

        byte* taken = start;
        start += bytes;
        return taken;
    }
}
