namespace RedPajama.Udfs.Quality;

/// <summary>
/// C4's rules as datatrove's <c>C4QualityFilter</c> (defaults: lines split by <c>splitlines()</c>, terminal
/// punctuation, at least 3 words, words of at most 1000 characters) and <c>C4BadWordsFilter</c> apply them. One
/// documented choice: sentences are counted with RedPajama-V2's <c>\b[^.!?]+[.!?]*</c> where datatrove (a649de7) runs
/// spaCy's sentencizer. Every line is judged for <c>c4_lines_kept</c>, but, as datatrove returns at the first
/// page-dropping line, only that line's kind sets <c>c4_lorem_ipsum</c> or <c>c4_curly_bracket</c>, so the drop reason
/// is datatrove's. Bad words use datatrove's lists (<see cref="LanguageWordLists.C4BadWords"/>).
/// </summary>
internal static class C4Family
{
    private static readonly string[] s_policy = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"];

    public static void Compute(TextAnalysis a, SignalScratch scratch, LanguageWordLists lists, QualitySignalOptions parameters, QualitySignalValues values)
    {
        ReadOnlySpan<char> text = a.Text;
        var kept = new LineSignalValues(a.LineCount);
        int sentences = 0;
        bool lorem = false;
        bool curly = false;
        long codePoint = 0;
        (IntList starts, IntList ends, IntList breakEnds) = a.SplitLines();
        for (int line = 0; line < starts.Count; line++)
        {
            int start = starts[line];
            int end = ends[line];
            int endWithBreak = breakEnds[line];
            long spanStart = codePoint;
            codePoint += PythonText.CodePointCount(text[start..endWithBreak]);
            bool keep = JudgeLine(text[start..end], scratch, parameters, ref lorem, ref curly, out ReadOnlySpan<char> cleaned);
            if (keep)
            {
                sentences += SentenceCounter.Count(cleaned);
            }

            kept.Add(spanStart, codePoint, keep ? 1.0 : 0.0);
        }

        double[] v = values.Document;
        v[SignalCatalog.C4NumSentences] = sentences;
        v[SignalCatalog.C4LoremIpsum] = lorem ? 1 : 0;
        v[SignalCatalog.C4CurlyBracket] = curly ? 1 : 0;
        if (lists.C4BadWords is { } badWords)
        {
            v[SignalCatalog.C4BadWords] = MatchesBadWords(text, badWords, scratch.Lowered) ? 1 : 0;
        }
        else
        {
            v[SignalCatalog.C4BadWords] = double.NaN;
        }

        values.Lines[SignalCatalog.C4LinesKept] = kept;
    }

    /// <summary>
    /// <see cref="BadWordList.MatchesC4"/> over the lower-cased text, lowered a chunk at a time rather than whole. A
    /// chunk ends just after a '\n', so the result is the same: no entry holds a '\n', so no match crosses one; a
    /// '\n' is no word character, as the scan assumes at a chunk's start; and it stops the final-sigma context of
    /// <c>lower()</c> (neither cased nor case-ignorable).
    /// </summary>
    private static bool MatchesBadWords(ReadOnlySpan<char> text, BadWordList badWords, CharBuffer lowered)
    {
        const int ChunkLength = 1 << 16;
        int start = 0;
        while (start < text.Length)
        {
            int end = text.Length;
            if (text.Length - start > ChunkLength)
            {
                int newline = text[(start + ChunkLength)..].IndexOf('\n');
                end = newline < 0 ? text.Length : start + ChunkLength + newline + 1;
            }

            lowered.Clear();
            PythonText.AppendLower(text[start..end], lowered);
            if (badWords.MatchesC4(lowered.Span))
            {
                return true;
            }

            start = end;
        }

        return false;
    }

    /// <summary>Applies the line rules in datatrove's order; gives the stripped line without citations.</summary>
    private static bool JudgeLine(
        ReadOnlySpan<char> line, SignalScratch scratch, QualitySignalOptions parameters, ref bool lorem, ref bool curly, out ReadOnlySpan<char> cleaned)
    {
        ReadOnlySpan<char> stripped = PythonText.Strip(line);
        int words = 0;
        bool tooLong = false;
        for (int i = 0; i < stripped.Length;)
        {
            while (i < stripped.Length && PythonText.IsSpace(stripped[i]))
            {
                i++;
            }

            if (i == stripped.Length)
            {
                break;
            }

            int length = 0;
            while (i < stripped.Length && !PythonText.IsSpace(stripped[i]))
            {
                PythonText.CodePointAt(stripped, i, out int width);
                i += width;
                length++;
            }

            words++;
            tooLong |= length > parameters.C4MaxWordLength;
        }

        scratch.Line.Clear();
        cleaned = stripped;
        if (tooLong)
        {
            return false;
        }

        // Most lines have no '[': then there is no citation to remove and no copy to make.
        if (stripped.Contains('['))
        {
            C4Citations.Remove(stripped, scratch.Line);
            cleaned = scratch.Line.Span;
        }
        if (cleaned.Length == 0 || cleaned[^1] is not ('.' or '?' or '!' or '"' or '\'') || cleaned.EndsWith("...", StringComparison.Ordinal))
        {
            return false;
        }

        if (words < parameters.C4MinWordsPerLine)
        {
            return false;
        }

        scratch.LineLowered.Clear();
        PythonText.AppendLower(cleaned, scratch.LineLowered);
        ReadOnlySpan<char> lowered = scratch.LineLowered.Span;
        if (lowered.Contains("lorem ipsum", StringComparison.Ordinal))
        {
            // datatrove returns at the first page-dropping line: a later one does not change the reason.
            lorem |= !curly;
            return false;
        }

        if (lowered.Contains("javascript", StringComparison.Ordinal))
        {
            return false;
        }

        if (cleaned.Contains('{'))
        {
            curly |= !lorem;
            return false;
        }

        foreach (string phrase in s_policy)
        {
            if (lowered.Contains(phrase, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
