namespace RedPajama.Udfs.Quality;

/// <summary>
/// Counts word n-grams of one document by position: an n-gram is identified by the index of its first word, found
/// again by a 64-bit hash and confirmed by comparing the words, so a hash collision never merges two n-grams.
/// Entries are numbered in first-seen order, as Python's <c>Counter</c> keeps them.
/// </summary>
internal sealed class NGramTable
{
    private int[] _slots = new int[256];
    private int _mask = 255;
    private long[] _hashes = new long[128];
    private int[] _firsts = new int[128];
    private int[] _counts = new int[128];

    public int Count { get; private set; }

    public int FirstOf(int entry) => _firsts[entry];

    public int CountOf(int entry) => _counts[entry];

    public void Reset(int expected)
    {
        int size = 256;
        while (size < expected * 2)
        {
            size <<= 1;
        }

        if (_slots.Length != size)
        {
            _slots = new int[size];
        }
        else
        {
            Array.Clear(_slots);
        }

        _mask = size - 1;
        Count = 0;
    }

    /// <summary>Counts the n-gram of word ids starting at <paramref name="position"/>; returns its entry.</summary>
    public int AddIds(ReadOnlySpan<int> ids, int position, int n, long hash)
    {
        int slot = (int)(hash ^ (hash >>> 32)) & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                break;
            }

            int e = entry - 1;
            if (_hashes[e] == hash && ids.Slice(_firsts[e], n).SequenceEqual(ids.Slice(position, n)))
            {
                _counts[e]++;
                return e;
            }

            slot = (slot + 1) & _mask;
        }

        return Insert(slot, hash, position);
    }

    /// <summary>
    /// Whether the words at <paramref name="position"/>, concatenated without separator, were added before (datatrove's
    /// <c>"".join(words[i:i+n])</c> key); adds them when not.
    /// </summary>
    public bool ContainsOrAddConcatenation(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, int position, int n, long hash)
    {
        int slot = (int)(hash ^ (hash >>> 32)) & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                break;
            }

            int e = entry - 1;
            if (_hashes[e] == hash && ConcatenationsEqual(text, starts, lengths, _firsts[e], position, n))
            {
                return true;
            }

            slot = (slot + 1) & _mask;
        }

        Insert(slot, hash, position);
        return false;
    }

    private static bool ConcatenationsEqual(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, int a, int b, int n)
    {
        int wordA = a;
        int wordB = b;
        int offsetA = 0;
        int offsetB = 0;
        int endA = a + n;
        int endB = b + n;
        while (true)
        {
            while (wordA < endA && offsetA == lengths[wordA])
            {
                wordA++;
                offsetA = 0;
            }

            while (wordB < endB && offsetB == lengths[wordB])
            {
                wordB++;
                offsetB = 0;
            }

            bool doneA = wordA == endA;
            bool doneB = wordB == endB;
            if (doneA || doneB)
            {
                return doneA && doneB;
            }

            int take = Math.Min(lengths[wordA] - offsetA, lengths[wordB] - offsetB);
            if (!text.Slice(starts[wordA] + offsetA, take).SequenceEqual(text.Slice(starts[wordB] + offsetB, take)))
            {
                return false;
            }

            offsetA += take;
            offsetB += take;
        }
    }

    private int Insert(int slot, long hash, int position)
    {
        int e = Count++;
        if (e == _hashes.Length)
        {
            Array.Resize(ref _hashes, e * 2);
            Array.Resize(ref _firsts, e * 2);
            Array.Resize(ref _counts, e * 2);
        }

        _hashes[e] = hash;
        _firsts[e] = position;
        _counts[e] = 1;
        _slots[slot] = e + 1;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return e;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        _mask = _slots.Length - 1;
        for (int e = 0; e < Count; e++)
        {
            long hash = _hashes[e];
            int slot = (int)(hash ^ (hash >>> 32)) & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = e + 1;
        }
    }
}
