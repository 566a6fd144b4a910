namespace RedPajama.Udfs.LanguageModel;

/// <summary>The n-grams of one order as scoring reads them from an ARPA model loaded in memory (KenLM binaries have their own search).</summary>
internal interface INGramTable
{
    /// <summary>Number of n-grams.</summary>
    int Count { get; }

    /// <summary>The entry of <paramref name="words"/>, or -1.</summary>
    int Find(ReadOnlySpan<int> words);

    /// <summary>log10 probability of an entry.</summary>
    float Probability(int entry);

    /// <summary>log10 backoff of an entry.</summary>
    float Backoff(int entry);

    /// <summary>The word ids of an entry.</summary>
    ReadOnlySpan<int> Words(int entry);
}
