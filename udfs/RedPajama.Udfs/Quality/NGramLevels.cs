namespace RedPajama.Udfs.Quality;

/// <summary>
/// Counts the word n-grams of one document for n = 2..10 in one sweep of levels. An n-gram is the pair (its
/// (n-1)-gram's slot, its last word's id), a 64-bit key compared exactly; distinct n-grams are numbered in
/// first-seen order as Python's <c>Counter</c> keeps them. An n-gram can only repeat when its (n-1)-gram prefix
/// repeats, so level n visits only the positions whose prefix occurs twice or more: in natural text the levels
/// above 3 touch few positions.
/// </summary>
internal sealed class NGramLevels
{
    public const int MaxN = 10;

    private readonly (int First, int Count)[] _top = new (int, int)[MaxN + 1];
    private Slot[] _slots = new Slot[256];
    private int _mask;
    private int[] _entries = new int[256];
    private int[] _positions = new int[256];
    private int[] _next = new int[256];
    private byte[] _longestRepeat = new byte[256];
    private int _words;

    /// <summary>Per n (2..10): the most frequent n-gram, first seen winning ties; (0, 1) when none repeats, (0, 0) without n words.</summary>
    public (int First, int Count) Top(int n) => _top[n];

    /// <summary>
    /// Code points of the words covered by an n-gram that occurs at least twice, each word once (RedPajama-V2's
    /// duplicate n-gram measure).
    /// </summary>
    public long CoveredByRepeats(ReadOnlySpan<int> codePoints, int n)
    {
        long total = 0;
        int coveredUntil = 0;
        for (int w = 0; w < _words; w++)
        {
            if (_longestRepeat[w] >= n)
            {
                coveredUntil = w + n;
            }

            if (w < coveredUntil)
            {
                total += codePoints[w];
            }
        }

        return total;
    }

    /// <summary>Counts the n-grams of <paramref name="ids"/> (dense word ids) for every n up to <see cref="MaxN"/>.</summary>
    public void Count(ReadOnlySpan<int> ids)
    {
        int words = ids.Length;
        _words = words;
        Array.Clear(_top);
        if (_entries.Length < words)
        {
            int size = Math.Max(words, _entries.Length * 2);
            _entries = new int[size];
            _positions = new int[size];
            _next = new int[size];
            _longestRepeat = new byte[size];
        }

        Array.Clear(_longestRepeat, 0, words);

        // Level 1: the word ids themselves; every position is a candidate.
        ids.CopyTo(_entries);
        int candidates = 0;
        for (int i = 0; i + 2 <= words; i++)
        {
            _positions[candidates++] = i;
        }

        for (int n = 2; n <= MaxN && candidates > 0; n++)
        {
            // At most `candidates` distinct keys in at least twice as many slots: the table never grows, so a
            // position can keep its n-gram's slot index as the n-gram's identity.
            _mask = SlotArrays.Prepare(ref _slots, candidates);
            int distinct = 0;
            int best = -1;
            for (int c = 0; c < candidates; c++)
            {
                int i = _positions[c];
                long key = ((long)_entries[i] << 32) | (uint)ids[i + n - 1];
                int slot = (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;
                while (true)
                {
                    ref Slot probe = ref _slots[slot];
                    if (probe.Count == 0)
                    {
                        probe = new Slot { Key = key, Id = distinct++, First = i, Count = 1 };
                        break;
                    }

                    if (probe.Key == key)
                    {
                        probe.Count++;
                        break;
                    }

                    slot = (slot + 1) & _mask;
                }

                _entries[i] = slot;

                // The top n-gram: highest count, then earliest first occurrence (smallest id), tracked while counting.
                ref Slot counted = ref _slots[slot];
                if (best < 0 || counted.Count > _slots[best].Count || (counted.Count == _slots[best].Count && counted.Id < _slots[best].Id))
                {
                    best = slot;
                }
            }

            Slot top = _slots[best];
            // Without a repeat, Counter.most_common(1) gives the first n-gram of the text, once.
            _top[n] = top.Count >= 2 ? (top.First, top.Count) : (0, 1);

            int kept = 0;
            for (int c = 0; c < candidates; c++)
            {
                int i = _positions[c];
                if (_slots[_entries[i]].Count >= 2)
                {
                    _longestRepeat[i] = (byte)n;
                    if (i + n + 1 <= words)
                    {
                        _next[kept++] = i;
                    }
                }
            }

            (_positions, _next) = (_next, _positions);
            candidates = kept;
        }

        // Sizes never reached (too few words, or no repeat below them) keep (0, 1) when a window exists, else (0, 0).
        for (int n = 2; n <= MaxN; n++)
        {
            if (_top[n].Count == 0 && words >= n)
            {
                _top[n] = (0, 1);
            }
        }
    }

    private struct Slot
    {
        public long Key;
        public int Id;
        public int First;
        public int Count;
    }
}
