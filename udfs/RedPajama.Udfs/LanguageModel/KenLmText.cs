namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// The byte-level whitespace rules KenLM (kpu/kenlm) reads text with. KenLM works on bytes, so only ASCII characters
/// separate words; every other space (U+00A0, U+2009, U+3000 …) is part of a word. Each of its readers has its own set:
/// <list type="bullet">
/// <item><c>lmplz</c> (<c>lm/builder/corpus_count.cc</c>): space, <c>\t</c>, <c>\r</c>, <c>\0</c>; lines end at <c>\n</c> only.</item>
/// <item>scoring (<c>query</c>, and the Python binding's <c>Model.score</c> through <c>python/score_sentence.cc</c>):
/// <c>util::kSpaces</c>, C-locale <c>isspace</c>: space, <c>\t</c>, <c>\n</c>, <c>\v</c>, <c>\f</c>, <c>\r</c>.</item>
/// <item>ARPA words (<c>lm/read_arpa.cc</c> <c>kARPASpaces</c>): space, <c>\t</c>, <c>\n</c>, <c>\r</c>.</item>
/// </list>
/// </summary>
public static class KenLmText
{
    /// <summary>Whether <c>lmplz</c> separates words at <paramref name="c"/>.</summary>
    /// <param name="c">A character.</param>
    /// <returns>Space, tab, CR, NUL (and LF, which ends the line).</returns>
    public static bool IsTrainingSeparator(char c) => c is ' ' or '\t' or '\r' or '\0' or '\n';

    /// <summary>Whether KenLM's scoring separates words at <paramref name="c"/> (<c>util::kSpaces</c>).</summary>
    /// <param name="c">A character.</param>
    /// <returns>Space, tab, LF, VT, FF, CR.</returns>
    public static bool IsScoringSeparator(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>Whether an ARPA file separates words at <paramref name="c"/> (<c>kARPASpaces</c>).</summary>
    /// <param name="c">A character.</param>
    /// <returns>Space, tab, LF, CR.</returns>
    public static bool IsArpaSeparator(char c) => c is ' ' or '\t' or '\n' or '\r';

    /// <summary>The words <c>lmplz</c> reads from one line.</summary>
    /// <param name="line">A line (no <c>\n</c>).</param>
    /// <returns>The words, empty ones skipped.</returns>
    public static List<string> TrainingWords(string line) => Split(line, IsTrainingSeparator);

    /// <summary>
    /// The words the Python binding's <c>Model.score(sentence)</c> scores: the sentence goes to C++ as a C string, so
    /// it ends at the first NUL, and is split on <c>util::kSpaces</c>.
    /// </summary>
    /// <param name="sentence">A sentence.</param>
    /// <returns>The words, empty ones skipped.</returns>
    public static List<string> ScoringWords(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        int nul = sentence.IndexOf('\0', StringComparison.Ordinal);
        return Split(nul < 0 ? sentence : sentence[..nul], IsScoringSeparator);
    }

    /// <summary>Whether every character is C-locale whitespace (KenLM's test for a blank ARPA line).</summary>
    /// <param name="line">A line.</param>
    /// <returns>True for an empty or all-whitespace line.</returns>
    public static bool IsBlank(ReadOnlySpan<char> line)
    {
        foreach (char c in line)
        {
            if (!IsScoringSeparator(c))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Split(string text, Func<char, bool> separator)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool boundary = i == text.Length || separator(text[i]);
            if (boundary && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
            else if (!boundary && start < 0)
            {
                start = i;
            }
        }

        return words;
    }
}
