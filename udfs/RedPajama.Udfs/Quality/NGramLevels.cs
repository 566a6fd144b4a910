namespace RedPajama.Udfs.Quality;

/// <summary>
/// Counts the word n-grams of one document for n = 2..10 in one sweep of levels. An n-gram is the pair (its
/// (n-1)-gram's id, its last word's id), compared exactly; distinct n-grams get dense ids in first-seen order as
/// Python's <c>Counter</c> keeps them. An n-gram can only repeat when its (n-1)-gram prefix repeats, so level n
/// visits only the positions whose prefix occurs twice or more: in natural text the levels above 3 touch few
/// positions. Memory is two ints and a byte per word plus a table sized by the distinct n-grams (not the
/// positions), so a huge document costs a small multiple of its size.
/// </summary>
internal sealed class NGramLevels
{
    public const int MaxN = 10;

    // A level's table starts at most this large and doubles as distinct n-grams arrive.
    private const int InitialDistinct = 1 << 16;

    private readonly (int First, int Count)[] _top = new (int, int)[MaxN + 1];
    private Slot[] _slots = new Slot[256];
    private int _mask;

    // Per candidate position (in increasing order): the position and the id of its n-gram at the current level.
    private int[] _positions = new int[256];
    private int[] _entries = new int[256];

    // Per distinct n-gram id of the current level: occurrences and first position.
    private int[] _counts = new int[256];
    private int[] _firsts = new int[256];
    private byte[] _longestRepeat = new byte[256];
    private readonly RepeatBitmap _repeats = new();
    private int _words;

    /// <summary>Per n (2..10): the most frequent n-gram, first seen winning ties; (0, 1) when none repeats, (0, 0) without n words.</summary>
    public (int First, int Count) Top(int n) => _top[n];

    /// <summary>Makes room for documents of <paramref name="words"/> words, so the families' sweeps share one allocation.</summary>
    public void EnsureCapacity(int words)
    {
        if (_positions.Length < words)
        {
            // A huge document gets exactly its size; small ones double, to settle after a few documents.
            int size = words > (1 << 20) ? words : Math.Max(words, _positions.Length * 2);
            _positions = new int[size];
            _entries = new int[size];
            _longestRepeat = new byte[size];
        }
    }

    /// <summary>
    /// Code points of the words covered by an n-gram that occurs at least twice, each word once (RedPajama-V2's
    /// duplicate n-gram measure).
    /// </summary>
    /// <param name="ids">The word ids counted.</param>
    /// <param name="idCodePoints">Code points by word id.</param>
    /// <param name="n">The n-gram size.</param>
    public long CoveredByRepeats(ReadOnlySpan<int> ids, ReadOnlySpan<int> idCodePoints, int n)
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
                total += idCodePoints[ids[w]];
            }
        }

        return total;
    }

    /// <summary>Counts the n-grams of <paramref name="ids"/> (dense word ids) for every n up to <paramref name="maxN"/>.</summary>
    /// <param name="ids">The word ids.</param>
    /// <param name="maxN">The largest n asked for (at most <see cref="MaxN"/>); larger ones are left as (0, 0).</param>
    public void Count(ReadOnlySpan<int> ids, int maxN = MaxN)
    {
        int words = ids.Length;
        _words = words;
        Array.Clear(_top);
        EnsureCapacity(words);
        Array.Clear(_longestRepeat, 0, words);

        // Level 2 starts from every position with a next word; its prefix is the word id itself.
        int candidates = Math.Max(words - 1, 0);
        for (int i = 0; i < candidates; i++)
        {
            _positions[i] = i;
        }

        for (int n = 2; n <= maxN && candidates > 0; n++)
        {
            // An n-gram whose hash no other candidate shares occurs once: it needs no table entry (most n-grams of a
            // huge document). Two bitmaps (seen once, seen again) tell, with false positives only, which may repeat.
            _repeats.Reset(candidates);
            for (int c = 0; c < candidates; c++)
            {
                int i = _positions[c];
                _repeats.Add(BitOf(n == 2 ? ids[i] : _entries[c], ids[i + n - 1], _repeats.Mask));
            }

            // Start small, or with the whole table an earlier level grew (growing again would allocate anew).
            _mask = SlotArrays.Prepare(ref _slots, Math.Min(candidates, Math.Max(InitialDistinct, _slots.Length / 2)));
            int distinct = 0;
            int best = -1;
            for (int c = 0; c < candidates; c++)
            {
                int i = _positions[c];
                int prefix = n == 2 ? ids[i] : _entries[c];
                if (!_repeats.MayRepeat(BitOf(prefix, ids[i + n - 1], _repeats.Mask)))
                {
                    // Occurs once: it neither beats a repeated n-gram nor survives to the next level. The ids of
                    // the rest keep first-seen order, which is all the tie-break needs.
                    _entries[c] = -1;
                    continue;
                }

                int id = Find(prefix, ids[i + n - 1], i, ref distinct);
                _entries[c] = id;

                // The top n-gram: highest count, then earliest first occurrence (smallest id), tracked while counting.
                int count = ++_counts[id];
                if (best < 0 || count > _counts[best] || (count == _counts[best] && id < best))
                {
                    best = id;
                }
            }

            // Without a repeat, Counter.most_common(1) gives the first n-gram of the text, once.
            _top[n] = best >= 0 && _counts[best] >= 2 ? (_firsts[best], _counts[best]) : (0, 1);

            // Keep the positions whose n-gram repeats and that have a next word, in order (in place: kept <= c).
            int kept = 0;
            for (int c = 0; c < candidates; c++)
            {
                int i = _positions[c];
                int id = _entries[c];
                if (id >= 0 && _counts[id] >= 2)
                {
                    _longestRepeat[i] = (byte)n;
                    if (i + n + 1 <= words)
                    {
                        _positions[kept] = i;
                        _entries[kept] = id;
                        kept++;
                    }
                }
            }

            candidates = kept;
        }

        // Sizes never reached (too few words, or no repeat below them) keep (0, 1) when a window exists, else (0, 0).
        for (int n = 2; n <= maxN; n++)
        {
            if (_top[n].Count == 0 && words >= n)
            {
                _top[n] = (0, 1);
            }
        }
    }

    /// <summary>The id of n-gram (<paramref name="prefix"/>, <paramref name="last"/>), numbered next when new.</summary>
    private int Find(int prefix, int last, int position, ref int distinct)
    {
        int slot = Hash(prefix, last) & _mask;
        while (true)
        {
            ref Slot probe = ref _slots[slot];
            if (probe.IdPlusOne == 0)
            {
                int id = distinct++;
                if (id == _counts.Length)
                {
                    Array.Resize(ref _counts, Math.Min(id * 2, _positions.Length));
                    Array.Resize(ref _firsts, _counts.Length);
                }

                _counts[id] = 0;
                _firsts[id] = position;
                probe = new Slot { Prefix = prefix, Last = last, IdPlusOne = id + 1 };
                if (distinct * 2 > _mask + 1)
                {
                    SlotArrays.Grow(ref _slots, ref _mask, static s => s.IdPlusOne == 0, static s => Hash(s.Prefix, s.Last));
                }

                return id;
            }

            if (probe.Prefix == prefix && probe.Last == last)
            {
                return probe.IdPlusOne - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private static int BitOf(int prefix, int last, int mask)
    {
        ulong key = ((ulong)(uint)prefix << 32) | (uint)last;
        return (int)((key * 0xC2B2AE3D27D4EB4FUL) >> 35) & mask;
    }

    private static int Hash(int prefix, int last)
    {
        ulong key = ((ulong)(uint)prefix << 32) | (uint)last;
        return (int)((key * 0x9E3779B97F4A7C15UL) >> 32);
    }

    private struct Slot
    {
        public int Prefix;
        public int Last;
        public int IdPlusOne;
    }
}
