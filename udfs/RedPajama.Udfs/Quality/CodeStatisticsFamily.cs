namespace RedPajama.Udfs.Quality;

/// <summary>
/// RedPajama-1T's GitHub file statistics (<c>get_filecontent_stats</c>): lines by <c>splitlines()</c>, the longest
/// line, <c>len(content) / line_count</c> (break characters included), and the <c>isalnum()</c> share. A text with no
/// lines gets zeros, as upstream returns.
/// </summary>
internal static class CodeStatisticsFamily
{
    public static void Compute(TextAnalysis a, QualitySignalValues values)
    {
        ReadOnlySpan<char> text = a.Text;
        int lines = 0;
        int longest = 0;
        (IntList starts, IntList ends, _) = a.SplitLines();
        for (int line = 0; line < starts.Count; line++)
        {
            int start = starts[line];
            int end = ends[line];
            lines++;
            longest = Math.Max(longest, PythonText.CodePointCount(text[start..end]));
        }

        double[] v = values.Document;
        if (lines == 0)
        {
            v[SignalCatalog.CodeMaxLineLength] = 0;
            v[SignalCatalog.CodeAvgLineLength] = 0.0;
            v[SignalCatalog.CodeAlnumProp] = 0.0;
            return;
        }

        int alphanumeric = 0;
        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            if (c < 128)
            {
                alphanumeric += char.IsAsciiLetterOrDigit(c) ? 1 : 0;
                i++;
                continue;
            }

            int codePoint = PythonText.CodePointAt(text, i, out int width);
            i += width;
            alphanumeric += PythonText.IsWordChar(codePoint) ? 1 : 0;
        }

        v[SignalCatalog.CodeMaxLineLength] = longest;
        v[SignalCatalog.CodeAvgLineLength] = (double)a.TextCodePoints / lines;
        v[SignalCatalog.CodeAlnumProp] = (double)alphanumeric / a.TextCodePoints;
    }
}
