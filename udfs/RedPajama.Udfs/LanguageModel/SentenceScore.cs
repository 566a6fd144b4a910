namespace RedPajama.Udfs.LanguageModel;

/// <summary>A sentence's score under an n-gram model.</summary>
/// <param name="LogProbability">log10 probability of the words and <c>&lt;/s&gt;</c>.</param>
/// <param name="Words">Words scored: the sentence split as KenLM splits it (ASCII whitespace).</param>
/// <param name="UnknownWords">Words the model did not know.</param>
public readonly record struct SentenceScore(float LogProbability, int Words, int UnknownWords)
{
    /// <summary>10^(−log10 p / (words + 1)): the per-token perplexity KenLM's tools and CCNet use.</summary>
    public double Perplexity => Math.Pow(10.0, -LogProbability / (double)(Words + 1));
}
