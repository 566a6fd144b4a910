namespace RedPajama.Udfs.Quality;

/// <summary>
/// Counts the word n-grams of one document for n = 2..10 in one sweep of levels. An n-gram is the pair (its
/// (n-1)-gram's id, its last word's id), a 64-bit key compared exactly, numbered in first-seen order as Python's
/// <c>Counter</c> keeps them. An n-gram can only repeat when its (n-1)-gram prefix repeats, so level n visits only
/// the positions whose prefix occurs twice or more: in natural text the levels above 3 touch few positions.
/// </summary>
internal sealed class NGramLevels
{
    public const int MaxN = 10;

    private readonly DenseKeyTable _table = new();
    private int[] _entries = new int[256];
    private int[] _positions = new int[256];
    private int[] _next = new int[256];
    private readonly (int First, int Count)[] _top = new (int, int)[MaxN + 1];
    private readonly List<(int Position, int N)> _repeats = [];

    /// <summary>Per n (2..4 used): the most frequent n-gram, first seen winning ties; count 0 when there are fewer than n words.</summary>
    public (int First, int Count) Top(int n) => _top[n];

    /// <summary>
    /// Sums the code points of words covered by an n-gram that occurs at least twice (each word once), for n in
    /// [<paramref name="fromN"/>, <see cref="MaxN"/>], into <paramref name="covered"/> (indexed by n).
    /// </summary>
    public void CoveredByRepeats(ReadOnlySpan<int> codePoints, Span<bool> marks, Span<long> covered, int fromN)
    {
        for (int n = fromN; n <= MaxN; n++)
        {
            if (codePoints.Length < n)
            {
                covered[n] = 0;
                continue;
            }

            marks.Clear();
            foreach ((int position, int size) in _repeats)
            {
                if (size == n)
                {
                    marks.Slice(position, n).Fill(true);
                }
            }

            long total = 0;
            for (int w = 0; w < codePoints.Length; w++)
            {
                if (marks[w])
                {
                    total += codePoints[w];
                }
            }

            covered[n] = total;
        }
    }

    /// <summary>Counts the n-grams of <paramref name="ids"/> (dense word ids) for every n up to <see cref="MaxN"/>.</summary>
    public void Count(ReadOnlySpan<int> ids)
    {
        int words = ids.Length;
        _repeats.Clear();
        Array.Clear(_top);
        if (_entries.Length < words)
        {
            _entries = new int[words];
            _positions = new int[words];
            _next = new int[words];
        }

        // Level 1: the word ids themselves; every position is a candidate.
        ids.CopyTo(_entries);
        int candidates = 0;
        for (int i = 0; i + 2 <= words; i++)
        {
            _positions[candidates++] = i;
        }

        for (int n = 2; n <= MaxN && candidates > 0; n++)
        {
            _table.Reset(candidates);

            // The top n-gram: highest count, then earliest first occurrence (ids are in first-seen order), tracked
            // while counting: an entry overtakes the best when its count passes it, or equals it with a smaller id.
            int best = 0;
            int bestCount = 0;
            for (int c = 0; c < candidates; c++)
            {
                int i = _positions[c];
                long key = ((long)_entries[i] << 32) | (uint)ids[i + n - 1];
                int entry = _table.Add(key, i);
                _entries[i] = entry;
                int count = _table.CountOf(entry);
                if (count > bestCount || (count == bestCount && entry < best))
                {
                    best = entry;
                    bestCount = count;
                }
            }

            // Without a repeat, Counter.most_common(1) gives the first n-gram of the text, once.
            _top[n] = bestCount >= 2 ? (_table.FirstOf(best), bestCount) : (0, 1);

            int kept = 0;
            for (int c = 0; c < candidates; c++)
            {
                int i = _positions[c];
                if (_table.CountOf(_entries[i]) >= 2)
                {
                    _repeats.Add((i, n));
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
}
