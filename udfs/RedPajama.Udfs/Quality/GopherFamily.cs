namespace RedPajama.Udfs.Quality;

/// <summary>
/// Gopher's quality and repetition measures as datatrove's <c>GopherQualityFilter</c> and <c>GopherRepetitionFilter</c>
/// compute them (commit a649de7), with one documented choice: words are WordPunct tokens (<c>\w+|[^\w\s]+</c>) where
/// datatrove runs NLTK's Treebank <c>word_tokenize</c>, which has no exact .NET counterpart. Fractions are rounded
/// to 8 decimals like RedPajama-V2's; a zero denominator gives null (datatrove would raise).
/// </summary>
internal static class GopherFamily
{
    private static readonly string[] s_stopWords = ["the", "be", "to", "of", "and", "that", "have", "with"];

    public static void Compute(TextAnalysis a, SignalScratch scratch, QualitySignalValues values)
    {
        double[] v = values.Document;
        ReadOnlySpan<char> text = a.Text;
        int tokens = a.TokenCount;

        // Quality filter.
        int nonSymbol = 0;
        long nonSymbolLength = 0;
        int withAlpha = 0;
        Span<bool> stopSeen = stackalloc bool[s_stopWords.Length];
        for (int t = 0; t < tokens; t++)
        {
            ReadOnlySpan<char> token = text.Slice(a.TokenStarts[t], a.TokenLengths[t]);
            bool hasNonPunctuation = false;
            bool hasAlpha = false;
            for (int i = 0; i < token.Length;)
            {
                int codePoint = PythonText.CodePointAt(token, i, out int width);
                i += width;
                hasNonPunctuation |= !DatatrovePunctuation.Contains(codePoint);
                hasAlpha |= PythonText.IsAlpha(codePoint);
            }

            if (hasNonPunctuation)
            {
                nonSymbol++;
                nonSymbolLength += a.TokenCodePoints[t];
            }

            if (hasAlpha)
            {
                withAlpha++;
            }

            for (int w = 0; w < s_stopWords.Length; w++)
            {
                stopSeen[w] |= token.SequenceEqual(s_stopWords[w]);
            }
        }

        v[SignalCatalog.GopherWordCount] = nonSymbol;
        v[SignalCatalog.GopherMeanWordLength] = nonSymbol == 0 ? double.NaN : PythonRounding.Round8((double)nonSymbolLength / nonSymbol);
        v[SignalCatalog.GopherHashToWordRatio] = Ratio(text.Count('#'), tokens);
        v[SignalCatalog.GopherEllipsisToWordRatio] = Ratio(RedPajamaV2Family.CountNonOverlapping(text, "...") + text.Count('\u2026'), tokens);
        v[SignalCatalog.GopherFracWordsWithAlpha] = Ratio(withAlpha, tokens);
        v[SignalCatalog.GopherStopWordCount] = stopSeen.Count(true);

        int lines = 0;
        int bulletLines = 0;
        int ellipsisLines = 0;
        foreach ((int start, int end, _) in new SplitLines(text))
        {
            lines++;
            ReadOnlySpan<char> line = text[start..end];
            ReadOnlySpan<char> left = PythonText.LeftStrip(line);
            if (left.StartsWith("\u2022", StringComparison.Ordinal) || left.StartsWith("-", StringComparison.Ordinal))
            {
                bulletLines++;
            }

            ReadOnlySpan<char> right = PythonText.RightStrip(line);
            if (right.EndsWith("...", StringComparison.Ordinal) || right.EndsWith("\u2026", StringComparison.Ordinal))
            {
                ellipsisLines++;
            }
        }

        v[SignalCatalog.GopherFracLinesStartWithBullet] = Ratio(bulletLines, lines);
        v[SignalCatalog.GopherFracLinesEndWithEllipsis] = Ratio(ellipsisLines, lines);

        // Repetition filter: paragraphs of text.strip() split on \n{2,}, lines split on \n+.
        int stripStart = text.Length - PythonText.LeftStrip(text).Length;
        int stripEnd = Math.Max(stripStart, PythonText.RightStrip(text).Length);
        (int paragraphs, int duplicateParagraphs, long duplicateParagraphChars) = FindDuplicates(scratch.Elements, text, stripStart, stripEnd, minimumBreak: 2);
        v[SignalCatalog.GopherDupParaFrac] = Ratio(duplicateParagraphs, paragraphs);
        v[SignalCatalog.GopherDupParaCharFrac] = Ratio(duplicateParagraphChars, a.TextCodePoints);
        (int splitLines, int duplicateLines, long duplicateLineChars) = FindDuplicates(scratch.Elements, text, 0, text.Length, minimumBreak: 1);
        v[SignalCatalog.GopherDupLineFrac] = Ratio(duplicateLines, splitLines);
        v[SignalCatalog.GopherDupLineCharFrac] = Ratio(duplicateLineChars, a.TextCodePoints);

        ReadOnlySpan<int> ids = a.TokenIds.Span;
        ReadOnlySpan<int> codePoints = a.TokenCodePoints.Span;
        for (int n = 2; n <= 4; n++)
        {
            (int first, int count) = RepetitionStatistics.TopNGram(scratch.NGrams, ids, n);
            double score = 0.0;
            if (count > 0)
            {
                long joined = n - 1;
                for (int k = first; k < first + n; k++)
                {
                    joined += codePoints[k];
                }

                score = Ratio(joined * count, a.TextCodePoints);
            }

            v[SignalCatalog.GopherTop2GramCharFrac + n - 2] = score;
        }

        Span<ulong> hashes = scratch.Hashes(tokens);
        Span<ulong> powers = scratch.Powers(tokens);
        for (int t = 0; t < tokens; t++)
        {
            (hashes[t], powers[t]) = RepetitionStatistics.CharacterHash(text.Slice(a.TokenStarts[t], a.TokenLengths[t]));
        }

        for (int n = 5; n <= 10; n++)
        {
            long repeated = RepetitionStatistics.GreedyDuplicateConcatenations(
                scratch.NGrams, text, a.TokenStarts.Span, a.TokenLengths.Span, codePoints, hashes, powers, n);
            v[SignalCatalog.GopherDup5GramCharFrac + n - 5] = Ratio(repeated, a.TextCodePoints);
        }
    }

    private static double Ratio(long numerator, long denominator) =>
        denominator == 0 ? double.NaN : PythonRounding.Round8((double)numerator / denominator);

    /// <summary>
    /// datatrove's <c>find_duplicates</c> over <c>text[regionStart..regionEnd]</c> split on runs of at least
    /// <paramref name="minimumBreak"/> newlines: element count, elements seen before, and their code points.
    /// </summary>
    private static (int Elements, int Duplicates, long DuplicateChars) FindDuplicates(
        SpanInterner interner, ReadOnlySpan<char> text, int regionStart, int regionEnd, int minimumBreak)
    {
        interner.Reset(64);
        ReadOnlySpan<char> region = text[regionStart..regionEnd];
        int offset = regionStart;
        int elements = 0;
        int duplicates = 0;
        long duplicateChars = 0;
        int start = 0;
        int position = 0;
        while (true)
        {
            int breakStart = region[position..].IndexOf('\n');
            int elementEnd;
            int next;
            if (breakStart < 0)
            {
                elementEnd = region.Length;
                next = -1;
            }
            else
            {
                breakStart += position;
                int breakEnd = breakStart;
                while (breakEnd < region.Length && region[breakEnd] == '\n')
                {
                    breakEnd++;
                }

                if (breakEnd - breakStart < minimumBreak)
                {
                    position = breakEnd;
                    continue;
                }

                elementEnd = breakStart;
                next = breakEnd;
            }

            elements++;
            interner.Intern(text, offset + start, elementEnd - start, out bool added);
            if (!added)
            {
                duplicates++;
                duplicateChars += PythonText.CodePointCount(region[start..elementEnd]);
            }

            if (next < 0)
            {
                return (elements, duplicates, duplicateChars);
            }

            start = next;
            position = next;
        }
    }
}
