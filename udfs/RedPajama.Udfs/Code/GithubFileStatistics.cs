using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Code;

/// <summary>
/// RedPajama-1T's <c>get_filecontent_stats</c> of a (cleaned) GitHub file: lines by Python's <c>splitlines()</c>, the
/// longest line in code points, <c>len(content) / line_count</c> (line breaks counted in the length) and the share of
/// <c>isalnum()</c> code points. A text with no lines gets zeros, as upstream returns.
/// </summary>
/// <param name="LineCount">Number of lines.</param>
/// <param name="MaxLineLength">The longest line, in code points.</param>
/// <param name="AverageLineLength">Code points of the whole text per line.</param>
/// <param name="AlphanumericShare">Alphanumeric code points per code point.</param>
public readonly record struct GithubFileStatistics(int LineCount, int MaxLineLength, double AverageLineLength, double AlphanumericShare)
{
    /// <summary>Computes the statistics of a text.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The statistics.</returns>
    public static GithubFileStatistics Of(ReadOnlySpan<char> text)
    {
        int lines = 0;
        int longest = 0;
        int lineLength = 0;
        int codePoints = 0;
        int alphanumeric = 0;
        for (int i = 0; i < text.Length;)
        {
            int lineBreak = PythonText.LineBreakLength(text, i);
            if (lineBreak > 0)
            {
                lines++;
                longest = Math.Max(longest, lineLength);
                lineLength = 0;
                codePoints += lineBreak;
                i += lineBreak;
                continue;
            }

            char c = text[i];
            int width = 1;
            if (c < 128)
            {
                alphanumeric += char.IsAsciiLetterOrDigit(c) ? 1 : 0;
            }
            else
            {
                alphanumeric += PythonText.IsAlnum(PythonText.CodePointAt(text, i, out width)) ? 1 : 0;
            }

            i += width;
            lineLength++;
            codePoints++;
        }

        // splitlines() gives a last line without a break after it, unless the text ends with one.
        if (lineLength > 0)
        {
            lines++;
            longest = Math.Max(longest, lineLength);
        }

        return lines == 0
            ? default
            : new GithubFileStatistics(lines, longest, (double)codePoints / lines, (double)alphanumeric / codePoints);
    }
}
