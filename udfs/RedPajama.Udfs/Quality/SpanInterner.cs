namespace RedPajama.Udfs.Quality;

/// <summary>
/// Gives each distinct substring of one source text a dense id in first-seen order (Python's dict order), comparing
/// characters exactly, so counts and "first inserted wins" ties match <c>collections.Counter</c>.
/// </summary>
internal sealed class SpanInterner
{
    private int[] _slots = new int[256];
    private int _mask = 255;
    private int[] _starts = new int[128];
    private int[] _lengths = new int[128];
    private int[] _hashes = new int[128];

    /// <summary>Number of distinct substrings so far.</summary>
    public int Count { get; private set; }

    /// <summary>Start of the first occurrence of id <paramref name="id"/>.</summary>
    public int StartOf(int id) => _starts[id];

    /// <summary>Length of id <paramref name="id"/>.</summary>
    public int LengthOf(int id) => _lengths[id];

    /// <summary>Forgets every id; <paramref name="expected"/> sizes the table.</summary>
    public void Reset(int expected)
    {
        int size = 16;
        while (size < expected * 2)
        {
            size <<= 1;
        }

        // A larger array from an earlier document is reused: only the part the mask reaches is cleared.
        if (_slots.Length < size)
        {
            _slots = new int[size];
        }
        else
        {
            Array.Clear(_slots, 0, size);
        }

        _mask = size - 1;
        Count = 0;
    }

    /// <summary>The id of <c>source[start..start+length]</c>, new when unseen.</summary>
    /// <param name="source">The text all ids refer to.</param>
    /// <param name="start">Start of the substring.</param>
    /// <param name="length">Its length.</param>
    /// <param name="added">True when the substring was new.</param>
    public int Intern(ReadOnlySpan<char> source, int start, int length, out bool added)
    {
        ReadOnlySpan<char> value = source.Slice(start, length);
        int hash = Hash(value);
        int slot = hash & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                break;
            }

            int id = entry - 1;
            if (_hashes[id] == hash && _lengths[id] == length && source.Slice(_starts[id], length).SequenceEqual(value))
            {
                added = false;
                return id;
            }

            slot = (slot + 1) & _mask;
        }

        int newId = Count++;
        if (newId == _starts.Length)
        {
            Array.Resize(ref _starts, newId * 2);
            Array.Resize(ref _lengths, newId * 2);
            Array.Resize(ref _hashes, newId * 2);
        }

        _starts[newId] = start;
        _lengths[newId] = length;
        _hashes[newId] = hash;
        _slots[slot] = newId + 1;
        added = true;
        if (Count * 2 > _mask + 1)
        {
            Grow();
        }

        return newId;
    }

    /// <summary>A fast multiplicative hash; ids never leave the process, so no seeding is needed.</summary>
    internal static int Hash(ReadOnlySpan<char> value)
    {
        ulong hash = (ulong)value.Length * 0x9E3779B97F4A7C15UL;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        // The multiply leaves the low bits poorly mixed; the table indexes by low bits, so take high ones.
        return (int)((hash * 0x9E3779B97F4A7C15UL) >> 32);
    }

    private void Grow()
    {
        _slots = new int[(_mask + 1) * 2];
        _mask = _slots.Length - 1;
        for (int id = 0; id < Count; id++)
        {
            int slot = _hashes[id] & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = id + 1;
        }
    }
}
