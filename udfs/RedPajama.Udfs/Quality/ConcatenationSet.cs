namespace RedPajama.Udfs.Quality;

/// <summary>
/// A set of word n-grams of one document compared as their concatenated characters (datatrove's
/// <c>"".join(words)</c> key): an n-gram is stored as the index of its first word, found again by a 64-bit hash and
/// confirmed by comparing characters, so a hash collision never merges two n-grams.
/// </summary>
internal sealed class ConcatenationSet
{
    private int[] _slots = new int[256];
    private int _mask = 255;
    private long[] _hashes = new long[128];
    private int[] _firsts = new int[128];

    public int Count { get; private set; }

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

    private void Insert(int slot, long hash, int position)
    {
        int e = Count++;
        if (e == _hashes.Length)
        {
            Array.Resize(ref _hashes, e * 2);
            Array.Resize(ref _firsts, e * 2);
        }

        _hashes[e] = hash;
        _firsts[e] = position;
        _slots[slot] = e + 1;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }
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
