namespace RedPajama.Udfs.LanguageModel;

/// <summary>The hash the in-memory n-gram tables place entries by.</summary>
internal static class NGramHash
{
    public static ulong Of(ReadOnlySpan<int> words)
    {
        ulong hash = 0x9E3779B97F4A7C15UL;
        foreach (int word in words)
        {
            hash = (hash ^ (uint)word) * 0xBF58476D1CE4E5B9UL;
            hash ^= hash >> 31;
        }

        return hash;
    }

    /// <summary>The first slot an n-gram probes in a table of <paramref name="mask"/> + 1 slots.</summary>
    public static int FirstSlot(ReadOnlySpan<int> words, int mask) => (int)(Of(words) >> 20) & mask;
}
