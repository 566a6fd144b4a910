using System.Numerics;

namespace RedPajama.Dedup;

/// <summary>
/// A set of 128-bit hash keys with open addressing and linear probing: 16 bytes per slot, at most half full, no
/// per-entry objects. The keys are already uniform hashes, so their low bits pick the slot. Not thread-safe.
/// </summary>
internal sealed class HashKeySet
{
    private UInt128[] _slots;
    private bool _hasZero;
    private int _count;

    /// <summary>Creates a set sized for <paramref name="capacity"/> keys without growing.</summary>
    public HashKeySet(long capacity)
    {
        _slots = new UInt128[SlotsFor(capacity)];
    }

    /// <summary>Number of keys held.</summary>
    public int Count => _count + (_hasZero ? 1 : 0);

    /// <summary>Adds a key; false when it was already there.</summary>
    public bool Add(UInt128 key)
    {
        // Zero marks an empty slot, so the zero key is kept aside.
        if (key == UInt128.Zero)
        {
            bool added = !_hasZero;
            _hasZero = true;
            return added;
        }

        if ((long)(_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        return Insert(_slots, key);
    }

    /// <summary>Empties the set, keeping at most the slots <paramref name="capacity"/> keys need.</summary>
    public void Clear(long capacity)
    {
        int slots = SlotsFor(capacity);
        if (slots == _slots.Length)
        {
            Array.Clear(_slots);
        }
        else
        {
            _slots = new UInt128[slots];
        }

        _count = 0;
        _hasZero = false;
    }

    private bool Insert(UInt128[] slots, UInt128 key)
    {
        int mask = slots.Length - 1;
        int slot = (int)((ulong)key & (uint)mask);
        while (true)
        {
            UInt128 held = slots[slot];
            if (held == UInt128.Zero)
            {
                slots[slot] = key;
                if (ReferenceEquals(slots, _slots))
                {
                    _count++;
                }

                return true;
            }

            if (held == key)
            {
                return false;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void Grow()
    {
        UInt128[] old = _slots;
        var grown = new UInt128[checked(old.Length * 2)];
        foreach (UInt128 key in old)
        {
            if (key != UInt128.Zero)
            {
                Insert(grown, key);
            }
        }

        _slots = grown;
    }

    private static int SlotsFor(long capacity)
    {
        long wanted = Math.Max(16, capacity * 2);
        if (wanted > 1L << 30)
        {
            throw new InvalidOperationException($"{capacity} keys do not fit one in-memory partition; use more partitions");
        }

        return (int)BitOperations.RoundUpToPowerOf2((uint)wanted);
    }
}
