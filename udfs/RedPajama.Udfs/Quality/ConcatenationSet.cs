namespace RedPajama.Udfs.Quality;

/// <summary>
/// A set of word n-grams of one document compared as their concatenated characters (datatrove's
/// <c>"".join(words)</c> key): an n-gram is stored as the index of its first word with its 64-bit hash, and a hash
/// match is confirmed by comparing characters, so a collision never merges two n-grams. Hash and index share a
/// slot, so a probe touches one cache line.
/// </summary>
internal sealed class ConcatenationSet
{
    private Slot[] _slots = new Slot[256];
    private int _mask = 255;
    private int _count;

    public void Reset(int expected)
    {
        // Only windows the bitmaps flag are added, far fewer than all of a huge document's: start modest (or with
        // the table an earlier n grew, as growing again would allocate anew) and grow.
        _mask = SlotArrays.Prepare(ref _slots, Math.Min(expected, Math.Max(1 << 16, _slots.Length / 2)));
        _count = 0;
    }

    /// <summary>The repeat pre-filter of the walk over this set's windows.</summary>
    public RepeatBitmap Repeats { get; } = new();

    /// <summary>
    /// Whether the words at <paramref name="position"/>, concatenated without separator, were added before; adds them
    /// when not.
    /// </summary>
    public bool ContainsOrAddConcatenation(ReadOnlySpan<char> text, SpanInterner interner, ReadOnlySpan<int> ids, int position, int n, long hash)
    {
        int slot = (int)(hash ^ (hash >>> 32)) & _mask;
        while (true)
        {
            ref Slot entry = ref _slots[slot];
            if (entry.PositionPlusOne == 0)
            {
                entry.Hash = hash;
                entry.PositionPlusOne = position + 1;
                if (++_count * 2 > _mask + 1)
                {
                    Grow();
                }

                return false;
            }

            if (entry.Hash == hash && ConcatenationsEqual(text, interner, ids, entry.PositionPlusOne - 1, position, n))
            {
                return true;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Compares two windows' concatenations; a word's characters are its id's first occurrence.</summary>
    private static bool ConcatenationsEqual(ReadOnlySpan<char> text, SpanInterner interner, ReadOnlySpan<int> ids, int a, int b, int n)
    {
        int wordA = a;
        int wordB = b;
        int offsetA = 0;
        int offsetB = 0;
        int endA = a + n;
        int endB = b + n;
        while (true)
        {
            while (wordA < endA && offsetA == interner.LengthOf(ids[wordA]))
            {
                wordA++;
                offsetA = 0;
            }

            while (wordB < endB && offsetB == interner.LengthOf(ids[wordB]))
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

            int idA = ids[wordA];
            int idB = ids[wordB];
            int take = Math.Min(interner.LengthOf(idA) - offsetA, interner.LengthOf(idB) - offsetB);
            if (!text.Slice(interner.StartOf(idA) + offsetA, take).SequenceEqual(text.Slice(interner.StartOf(idB) + offsetB, take)))
            {
                return false;
            }

            offsetA += take;
            offsetB += take;
        }
    }

    private void Grow() =>
        SlotArrays.Grow(ref _slots, ref _mask, static s => s.PositionPlusOne == 0, static s => (int)(s.Hash ^ (s.Hash >>> 32)));

    private struct Slot
    {
        public long Hash;
        public int PositionPlusOne;
    }
}
