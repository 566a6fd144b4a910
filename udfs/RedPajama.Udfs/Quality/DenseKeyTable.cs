namespace RedPajama.Udfs.Quality;

/// <summary>
/// Numbers distinct 64-bit keys densely in first-seen order and counts them; reused across documents. Keys are
/// compared exactly, so there are no collisions to worry about. Key and id share a slot (one cache line per probe).
/// </summary>
internal sealed class DenseKeyTable
{
    private Slot[] _slots = new Slot[256];
    private int _mask = 255;
    private int[] _counts = new int[128];
    private int[] _firsts = new int[128];

    public int Count { get; private set; }

    public int CountOf(int id) => _counts[id];

    public int FirstOf(int id) => _firsts[id];

    public void Reset(int expected)
    {
        _mask = SlotArrays.Prepare(ref _slots, expected);
        Count = 0;
    }

    /// <summary>Counts one occurrence of <paramref name="key"/> at <paramref name="position"/>; returns its id.</summary>
    public int Add(long key, int position)
    {
        int slot = SlotOf(key);
        while (true)
        {
            ref Slot entry = ref _slots[slot];
            if (entry.IdPlusOne == 0)
            {
                break;
            }

            if (entry.Key == key)
            {
                _counts[entry.IdPlusOne - 1]++;
                return entry.IdPlusOne - 1;
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
        _slots[slot] = new Slot { Key = key, IdPlusOne = id + 1 };
        if (Count * 2 > _mask + 1)
        {
            Grow();
        }

        return id;
    }

    private static int KeyHash(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 40);

    private int SlotOf(long key) => KeyHash(key) & _mask;

    private void Grow() =>
        SlotArrays.Grow(ref _slots, ref _mask, static s => s.IdPlusOne == 0, static s => KeyHash(s.Key));

    private struct Slot
    {
        public long Key;
        public int IdPlusOne;
    }
}
