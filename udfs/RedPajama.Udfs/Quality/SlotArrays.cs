namespace RedPajama.Udfs.Quality;

/// <summary>Sizing of the open-addressed tables that are reused from one document to the next.</summary>
internal static class SlotArrays
{
    /// <summary>
    /// Makes <paramref name="slots"/> ready for about <paramref name="expected"/> keys at most half full: a power of two
    /// of at least 16 slots, cleared. A larger array from an earlier document is kept and only the part the returned
    /// mask reaches is cleared.
    /// </summary>
    /// <returns>The mask (slot count minus one).</returns>
    public static int Prepare<T>(ref T[] slots, int expected)
    {
        int size = 16;
        while (size < expected * 2)
        {
            size <<= 1;
        }

        if (slots.Length < size)
        {
            slots = new T[size];
        }
        else
        {
            Array.Clear(slots, 0, size);
        }

        return size - 1;
    }

    /// <summary>Doubles a table whose load passed one half and places every occupied slot again.</summary>
    /// <param name="slots">The slots.</param>
    /// <param name="mask">The current mask; receives the new one.</param>
    /// <param name="isEmpty">Whether a slot is free.</param>
    /// <param name="hash">The hash a slot was placed by (masked here).</param>
    public static void Grow<T>(ref T[] slots, ref int mask, Func<T, bool> isEmpty, Func<T, int> hash)
    {
        T[] old = slots;
        int oldSize = mask + 1;
        slots = new T[oldSize * 2];
        mask = slots.Length - 1;
        foreach (T entry in old.AsSpan(0, oldSize))
        {
            if (isEmpty(entry))
            {
                continue;
            }

            int slot = hash(entry) & mask;
            while (!isEmpty(slots[slot]))
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }
    }
}
