namespace RedPajama.Udfs.Quality;

/// <summary>Hashes for word n-grams: a polynomial over per-id mixes (rolling), and one over characters for concatenations.</summary>
internal static class NGramHashing
{
    public const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    /// <summary>A well-spread 64-bit value for a word id (SplitMix64 finaliser).</summary>
    public static ulong Mix(int id)
    {
        ulong z = (ulong)id + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Multiplier to the power <paramref name="n"/> (mod 2^64).</summary>
    public static ulong Power(int n)
    {
        ulong result = 1;
        for (int i = 0; i < n; i++)
        {
            result *= Multiplier;
        }

        return result;
    }
}
