namespace RedPajama.Udfs.Quality;

/// <summary>The n-gram repetition measures of RedPajama-V2 and Gopher/datatrove, over word-id sequences.</summary>
internal static class RepetitionStatistics
{
    /// <summary>
    /// The most frequent n-gram (first seen wins ties, as <c>Counter.most_common(1)</c>): its first position and count,
    /// or (-1, 0) when there are fewer than n words.
    /// </summary>
    public static (int First, int Count) TopNGram(NGramTable table, ReadOnlySpan<int> ids, int n)
    {
        int windows = ids.Length - n + 1;
        if (windows <= 0)
        {
            return (-1, 0);
        }

        table.Reset(windows);
        ulong high = NGramHashing.Power(n - 1);
        ulong hash = 0;
        for (int k = 0; k < n; k++)
        {
            hash = hash * NGramHashing.Multiplier + NGramHashing.Mix(ids[k]);
        }

        for (int i = 0; ; i++)
        {
            table.AddIds(ids, i, n, (long)hash);
            if (i + 1 == windows)
            {
                break;
            }

            hash = (hash - NGramHashing.Mix(ids[i]) * high) * NGramHashing.Multiplier + NGramHashing.Mix(ids[i + n]);
        }

        int best = 0;
        for (int e = 1; e < table.Count; e++)
        {
            if (table.CountOf(e) > table.CountOf(best))
            {
                best = e;
            }
        }

        return (table.FirstOf(best), table.CountOf(best));
    }

    /// <summary>
    /// RedPajama-V2's duplicate n-gram measure: code points of words covered by any n-gram that occurs at least twice,
    /// each word counted once.
    /// </summary>
    public static long CoveredByRepeatedNGrams(NGramTable table, ReadOnlySpan<int> ids, ReadOnlySpan<int> codePoints, int n, Span<bool> covered)
    {
        int windows = ids.Length - n + 1;
        if (windows <= 0)
        {
            return 0;
        }

        covered.Clear();
        table.Reset(windows);
        ulong high = NGramHashing.Power(n - 1);
        ulong hash = 0;
        for (int k = 0; k < n; k++)
        {
            hash = hash * NGramHashing.Multiplier + NGramHashing.Mix(ids[k]);
        }

        for (int i = 0; ; i++)
        {
            int entry = table.AddIds(ids, i, n, (long)hash);
            int count = table.CountOf(entry);
            if (count >= 2)
            {
                covered.Slice(i, n).Fill(true);
                if (count == 2)
                {
                    covered.Slice(table.FirstOf(entry), n).Fill(true);
                }
            }

            if (i + 1 == windows)
            {
                break;
            }

            hash = (hash - NGramHashing.Mix(ids[i]) * high) * NGramHashing.Multiplier + NGramHashing.Mix(ids[i + n]);
        }

        long total = 0;
        for (int w = 0; w < ids.Length; w++)
        {
            if (covered[w])
            {
                total += codePoints[w];
            }
        }

        return total;
    }

    /// <summary>
    /// datatrove's <c>find_all_duplicate</c>: walk the words; an n-gram whose concatenation (no separator) was seen
    /// adds its code points and jumps n words ahead; an unseen one is remembered and the walk moves one word.
    /// <paramref name="wordHashes"/> and <paramref name="wordPowers"/> make the concatenation's hash from its words'.
    /// </summary>
    public static long GreedyDuplicateConcatenations(
        NGramTable table, ReadOnlySpan<char> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<int> codePoints,
        ReadOnlySpan<ulong> wordHashes, ReadOnlySpan<ulong> wordPowers, int n)
    {
        int words = starts.Length;
        if (words - n + 1 <= 0)
        {
            return 0;
        }

        table.Reset(words - n + 1);
        long repeated = 0;
        int index = 0;
        while (index < words - n + 1)
        {
            ulong hash = 0;
            for (int k = index; k < index + n; k++)
            {
                hash = hash * wordPowers[k] + wordHashes[k];
            }

            if (table.ContainsOrAddConcatenation(text, starts, lengths, index, n, (long)hash))
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

    /// <summary>The character hash of one word and the multiplier power its length gives, for <see cref="GreedyDuplicateConcatenations"/>.</summary>
    public static (ulong Hash, ulong Power) CharacterHash(ReadOnlySpan<char> word)
    {
        ulong hash = 0;
        ulong power = 1;
        foreach (char c in word)
        {
            hash = (hash + c) * NGramHashing.Multiplier;
            power *= NGramHashing.Multiplier;
        }

        return (hash, power);
    }
}
