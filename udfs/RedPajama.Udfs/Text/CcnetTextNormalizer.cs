using System.Globalization;
using System.Text;
using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Text;

/// <summary>
/// CCNet's text normalisation before SentencePiece (<c>cc_net/text_normalizer.py</c>, <c>normalize</c> with its
/// defaults: accents, case, numbers, <c>punct=1</c>): Python <c>strip()</c>; <c>lower()</c>; NFD with every
/// non-spacing mark (<c>Mn</c>) deleted, the rest left decomposed; every Unicode decimal digit (<c>\d</c>) to
/// <c>0</c>; the <c>UNICODE_PUNCT</c> characters replaced by their ASCII forms; control characters U+0000–U+001F and
/// U+007F–U+009F deleted, newlines included, so a document becomes one line. The dedup variant,
/// <c>normalize_for_dedup</c>, is <see cref="Dedup.CcnetLineHash.Normalize"/>; both share the punctuation set here.
/// </summary>
public static class CcnetTextNormalizer
{
    // UNICODE_PUNCT's keys and, at the same index, what punct=1 replaces each with. Upstream maps the full-width
    // digit one to '"', but it is a decimal digit and became 0 one step earlier, so that entry never applies.
    private const string PunctuationKeys = "，。、„”“«»１」「《》´∶：？！（）；–—．～’…━〈〉【】％►";

    private static readonly string[] s_replacements =
    [
        ",", ".", ",", "\"", "\"", "\"", "\"", "\"", "\"", "\"", "\"", "\"", "\"", "'", ":", ":", "?", "!", "(", ")",
        ";", "-", " - ", ". ", "~", "'", "...", "-", "<", ">", "[", "]", "%", "-",
    ];

    /// <summary>Whether a UTF-16 unit is one of <c>UNICODE_PUNCT</c>'s keys (all are in the BMP).</summary>
    /// <param name="c">A UTF-16 unit.</param>
    /// <returns>True for the 34 characters CCNet replaces (or, for dedup, deletes).</returns>
    public static bool IsUnicodePunctuation(char c) => c >= 0xAB && PunctuationKeys.Contains(c, StringComparison.Ordinal);

    /// <summary>Whether CCNet's <c>remove_non_printing_char</c> deletes a code point.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>True for C0 controls, DEL and C1 controls.</returns>
    public static bool IsNonPrinting(int codePoint) => codePoint is <= 0x1F or (>= 0x7F and <= 0x9F);

    /// <summary>The text as CCNet's <c>normalize(text)</c> returns it.</summary>
    /// <param name="text">A document or line.</param>
    /// <returns>The normalised text; empty when <paramref name="text"/> is only whitespace.</returns>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> stripped = PythonText.Strip(text);
        if (stripped.IsEmpty)
        {
            return string.Empty;
        }

        string decomposed = TextAnalysis.DecomposeCanonically(PythonText.Lower(stripped.ToString()));
        var output = new StringBuilder(decomposed.Length);
        for (int i = 0; i < decomposed.Length;)
        {
            int codePoint = PythonText.CodePointAt(decomposed, i, out int width);
            if (PythonText.IsDecimalDigit(codePoint))
            {
                output.Append('0');
            }
            else if (width == 1 && PunctuationKeys.IndexOf(decomposed[i], StringComparison.Ordinal) is >= 0 and int key)
            {
                output.Append(s_replacements[key]);
            }
            else if (!IsNonPrinting(codePoint) && CharUnicodeInfo.GetUnicodeCategory(codePoint) != UnicodeCategory.NonSpacingMark)
            {
                output.Append(decomposed, i, width);
            }

            i += width;
        }

        return output.ToString();
    }
}
