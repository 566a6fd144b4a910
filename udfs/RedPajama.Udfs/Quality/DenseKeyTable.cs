namespace RedPajama.Udfs.Quality;

/// <summary>
/// Numbers distinct 64-bit keys densely in first-seen order and counts them; reused across documents. Keys are
/// compared exactly, so there are no collisions to worry about.
/// </summary>
internal sealed class DenseKeyTable
{
    private long[] _keys = new long[256];
    private int[] _slots = new int[256];
    private int _mask = 255;
    private int[] _counts = new int[128];
    private int[] _firsts = new int[128];

    public int Count { get; private set; }

    public int CountOf(int id) => _counts[id];

    public int FirstOf(int id) => _firsts[id];

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
            _keys = new long[size];
        }
        else
        {
            Array.Clear(_slots);
        }

        _mask = size - 1;
        Count = 0;
    }

    /// <summary>Counts one occurrence of <paramref name="key"/> at <paramref name="position"/>; returns its id.</summary>
    public int Add(long key, int position)
    {
        ulong mixed = (ulong)key * 0x9E3779B97F4A7C15UL;
        int slot = (int)(mixed >> 40) & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                break;
            }

            if (_keys[slot] == key)
            {
                _counts[entry - 1]++;
                return entry - 1;
            }

            slot = (slot + 1) & _mask;
        }

        int id = Count++;
        if (id == _counts.Length)
        {
            Array.Resize(ref _counts, id * 2);
            Array.Resize(ref _firsts, id * 2);
        }

        _counts[id] = 1;
        _firsts[id] = position;
        _keys[slot] = key;
        _slots[slot] = id + 1;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return id;
    }

    private void Grow()
    {
        long[] keys = _keys;
        int[] slots = _slots;
        _keys = new long[slots.Length * 2];
        _slots = new int[slots.Length * 2];
        _mask = _slots.Length - 1;
        for (int old = 0; old < slots.Length; old++)
        {
            if (slots[old] == 0)
            {
                continue;
            }

            ulong mixed = (ulong)keys[old] * 0x9E3779B97F4A7C15UL;
            int slot = (int)(mixed >> 40) & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = keys[old];
            _slots[slot] = slots[old];
        }
    }
}
