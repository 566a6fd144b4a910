namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// The n-grams of one order: word-id sequences with their log10 probability and backoff, found by an open-addressed
/// table over a 64-bit hash of the ids and confirmed by comparing the ids, so lookups are exact.
/// </summary>
internal sealed class NGramEntries : INGramTable
{
    private readonly int _order;
    private int[] _words;
    private float[] _probabilities;
    private float[] _backoffs;
    private int[] _slots;
    private int _mask;
    private int _count;

    public NGramEntries(int order, int capacity)
    {
        _order = order;
        _words = new int[Math.Max(1, capacity) * order];
        _probabilities = new float[Math.Max(1, capacity)];
        _backoffs = new float[Math.Max(1, capacity)];
        int size = 16;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        _slots = new int[size];
        _mask = size - 1;
    }

    public int Count => _count;

    public int Capacity => _probabilities.Length;

    /// <summary>Adds an n-gram; false when it is already there.</summary>
    public bool Add(ReadOnlySpan<int> words, float probability, float backoff)
    {
        int slot = SlotOf(words, out bool found);
        if (found)
        {
            return false;
        }

        if (_count == _probabilities.Length)
        {
            // Only blanks KenLM would fill in add beyond the announced count.
            Array.Resize(ref _words, _words.Length * 2);
            Array.Resize(ref _probabilities, _probabilities.Length * 2);
            Array.Resize(ref _backoffs, _backoffs.Length * 2);
        }

        if ((_count + 1) * 2 > _slots.Length)
        {
            Rehash();
            slot = SlotOf(words, out _);
        }

        int entry = _count++;
        words.CopyTo(_words.AsSpan(entry * _order, _order));
        _probabilities[entry] = probability;
        _backoffs[entry] = backoff;
        _slots[slot] = entry + 1;
        return true;
    }

    /// <summary>The entry of <paramref name="words"/>, or -1.</summary>
    public int Find(ReadOnlySpan<int> words)
    {
        int slot = SlotOf(words, out bool found);
        return found ? _slots[slot] - 1 : -1;
    }

    /// <summary>The words of entry <paramref name="entry"/>.</summary>
    public ReadOnlySpan<int> Words(int entry) => _words.AsSpan(entry * _order, _order);

    public float Probability(int entry) => _probabilities[entry];

    public float Backoff(int entry) => _backoffs[entry];

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        _mask = _slots.Length - 1;
        for (int entry = 0; entry < _count; entry++)
        {
            int slot = SlotOf(Words(entry), out _);
            _slots[slot] = entry + 1;
        }
    }

    private int SlotOf(ReadOnlySpan<int> words, out bool found)
    {
        int slot = NGramHash.FirstSlot(words, _mask);
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                found = false;
                return slot;
            }

            if (_words.AsSpan((entry - 1) * _order, _order).SequenceEqual(words))
            {
                found = true;
                return slot;
            }

            slot = (slot + 1) & _mask;
        }
    }
}
