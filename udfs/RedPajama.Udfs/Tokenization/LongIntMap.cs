namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// An immutable open-addressed map from non-negative 64-bit keys to ints: one multiply and usually one probe per
/// lookup, for the tables the encoders consult per byte or per merge candidate.
/// </summary>
internal sealed class LongIntMap
{
    private const long Empty = -1L;

    private readonly long[] _keys;
    private readonly int[] _values;
    private readonly int _shift;

    /// <param name="entries">Distinct non-negative keys and their values.</param>
    public LongIntMap(IReadOnlyCollection<KeyValuePair<long, int>> entries)
    {
        int capacity = 16;
        while (capacity < entries.Count * 2)
        {
            capacity <<= 1;
        }

        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        _keys = new long[capacity];
        Array.Fill(_keys, Empty);
        _values = new int[capacity];
        foreach ((long key, int value) in entries)
        {
            int slot = Slot(key);
            while (_keys[slot] != Empty)
            {
                slot = (slot + 1) & (capacity - 1);
            }

            _keys[slot] = key;
            _values[slot] = value;
        }
    }

    /// <summary>The value of <paramref name="key"/>, or -1.</summary>
    public int Find(long key)
    {
        long[] keys = _keys;
        int mask = keys.Length - 1;
        for (int slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            long found = keys[slot];
            if (found == key)
            {
                return _values[slot];
            }

            if (found == Empty)
            {
                return -1;
            }
        }
    }

    private int Slot(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> _shift);
}
