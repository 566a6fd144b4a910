using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// CCNet's document perplexity (<c>cc_net/perplexity.py</c>, <c>DocLM</c>): each line of the SentencePiece-tokenised
/// text is scored with <c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c>; perplexity = 10^(−Σ log10 p / Σ (words + 1)),
/// rounded to one decimal as Python's <c>round(pp, 1)</c>.
/// </summary>
public static class CcnetPerplexity
{
    /// <summary>The perplexity of a tokenised document.</summary>
    /// <param name="model">The 5-gram model.</param>
    /// <param name="tokenized">SentencePiece pieces joined by spaces, lines by <c>\n</c>.</param>
    /// <returns>The rounded perplexity.</returns>
    public static double Of(NGramLanguageModel model, string tokenized)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenized);
        double logScore = 0;
        long length = 0;
        foreach (string line in tokenized.Split('\n'))
        {
            SentenceScore score = model.ScoreSentence(line);
            logScore += score.LogProbability;
            length += score.Words + 1;
        }

        return PythonRounding.Round(Math.Pow(10.0, -logScore / length), 1);
    }
}
