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

        set.Reset(words - n + 1);
        long repeated = 0;
        int index = 0;
        while (index < words - n + 1)
        {
            int end = index + n;
            ulong hash = prefixHashes[end] - (prefixHashes[index] * powers[prefixChars[end] - prefixChars[index]]);
            if (set.ContainsOrAddConcatenation(text, starts, lengths, index, n, (long)hash))
            {
                for (int k = index; k < end; k++)
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
