namespace RedPajama.Udfs.Quality;

/// <summary>datatrove's greedy duplicate n-gram measure, over concatenated words (<see cref="NGramLevels"/> does the rest).</summary>
internal static class RepetitionStatistics
{

    /// <summary>
    /// datatrove's <c>find_all_duplicate</c>: walk the words; an n-gram whose concatenation (no separator) was seen
    /// adds its code points and jumps n words ahead; an unseen one is remembered and the walk moves one word. A
    /// window's hash comes from <paramref name="prefixHashes"/> (the hash of the first k words' concatenation) and
    /// <paramref name="prefixChars"/> in constant time.
    /// </summary>
    public static long GreedyDuplicateConcatenations(
        ConcatenationSet set, ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<int> codePoints,
        ReadOnlySpan<ulong> prefixHashes, ReadOnlySpan<int> prefixChars, PowerTable powers, int n)
    {
        int words = starts.Length;
        if (words - n + 1 <= 0)
        {
            return 0;
        }

        int windows = words - n + 1;
        set.Reset(windows);

        // A window whose hash no other window shares has a unique concatenation: it can neither be found nor be
        // found later, so the walk skips it without touching the set. Two bitmaps (seen once, seen again) tell,
        // with false positives only, which hashes repeat.
        Span<ulong> once = set.Bitmaps(windows, out Span<ulong> again);
        int bitMask = (once.Length * 64) - 1;
        for (int i = 0; i < windows; i++)
        {
            int bit = BitOf(WindowHash(prefixHashes, prefixChars, powers, i, n), bitMask);
            ref ulong word = ref once[bit >> 6];
            ulong flag = 1UL << bit;
            if ((word & flag) != 0)
            {
                again[bit >> 6] |= flag;
            }

            word |= flag;
        }

        long repeated = 0;
        int index = 0;
        while (index < windows)
        {
            ulong hash = WindowHash(prefixHashes, prefixChars, powers, index, n);
            int bit = BitOf(hash, bitMask);
            if ((again[bit >> 6] & (1UL << bit)) != 0 && set.ContainsOrAddConcatenation(text, starts, lengths, index, n, (long)hash))
            {
                for (int k = index; k < index + n; k++)
                {
                    repeated += codePoints[k];
                }

                index += n;
            }
            else
            {
                index++;
            }
        }

        return repeated;
    }

    private static ulong WindowHash(ReadOnlySpan<ulong> prefixHashes, ReadOnlySpan<int> prefixChars, PowerTable powers, int start, int n) =>
        prefixHashes[start + n] - (prefixHashes[start] * powers[prefixChars[start + n] - prefixChars[start]]);

    private static int BitOf(ulong hash, int mask) => (int)((hash * 0x9E3779B97F4A7C15UL) >> 35) & mask;

    /// <summary>
    /// Fills the prefix hashes of the words' concatenation (<c>h(s + c) = (h(s) + c) * M</c>) and their prefix
    /// lengths in UTF-16 units; both spans have one more element than there are words.
    /// </summary>
    public static void PrefixHashes(ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, Span<ulong> prefixHashes, Span<int> prefixChars)
    {
        ulong hash = 0;
        int chars = 0;
        prefixHashes[0] = 0;
        prefixChars[0] = 0;
        for (int w = 0; w < starts.Length; w++)
        {
            foreach (char c in text.Slice(starts[w], lengths[w]))
            {
                hash = (hash + c) * PowerTable.Multiplier;
            }

            chars += lengths[w];
            prefixHashes[w + 1] = hash;
            prefixChars[w + 1] = chars;
        }
    }
}
