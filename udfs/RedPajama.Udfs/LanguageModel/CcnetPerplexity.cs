using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// CCNet's document perplexity (<c>cc_net/perplexity.py</c>, <c>DocLM</c>): each line of the SentencePiece-tokenised
/// text is scored with <c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c>; perplexity = 10^(−Σ log10 p / Σ (words + 1)),
/// rounded to one decimal as Python's <c>round(pp, 1)</c>. As in cc_net, a line's score comes from KenLM (words split
/// on ASCII whitespace) but its length from Python's <c>len(line.split())</c> (Unicode whitespace): the two differ
/// when a line holds, say, a no-break space.
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
            length += PythonWordCount(line) + 1;
        }

        return PythonRounding.Round(Math.Pow(10.0, -logScore / length), 1);
    }

    /// <summary>Python's <c>len(text.split())</c>: runs of non-whitespace, whitespace as <c>str.isspace</c> defines it.</summary>
    /// <param name="text">A line.</param>
    /// <returns>The number of words.</returns>
    public static int PythonWordCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            // No surrogate is whitespace, so UTF-16 units decide as code points would.
            bool space = PythonText.IsSpace(c);
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }

        return words;
    }
}
