namespace RedPajama.Udfs.Quality;

/// <summary>
/// Gopher's quality and repetition measures as datatrove's <c>GopherQualityFilter</c> and <c>GopherRepetitionFilter</c>
/// compute them (commit a649de7), with one documented choice: words are WordPunct tokens (<c>\w+|[^\w\s]+</c>) where
/// datatrove's English word tokenizer at that commit is spaCy's <c>spacy.blank("en")</c>, which has no .NET
/// counterpart. Fractions are rounded
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
        ReadOnlySpan<TokenShape> shapes = a.TokenShapes();
        ReadOnlySpan<int> tokenIds = a.TokenIds.Span;
        ReadOnlySpan<int> idCodePoints = a.TokenIdCodePoints.Span;
        for (int t = 0; t < tokens; t++)
        {
            TokenShape shape = shapes[tokenIds[t]];
            if ((shape & TokenShape.HasNonPunctuation) != 0)
            {
                nonSymbol++;
                nonSymbolLength += idCodePoints[tokenIds[t]];
            }

            if ((shape & TokenShape.HasAlpha) != 0)
            {
                withAlpha++;
            }
        }

        for (int id = 0; id < a.TokenInterner.Count; id++)
        {
            ReadOnlySpan<char> token = text.Slice(a.TokenInterner.StartOf(id), a.TokenInterner.LengthOf(id));
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
        (IntList starts, IntList ends, _) = a.SplitLines();
        for (int index = 0; index < starts.Count; index++)
        {
            lines++;
            ReadOnlySpan<char> line = text[starts[index]..ends[index]];
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

        // Only the top 2- to 4-grams are asked of the levels here (5 to 10 are the greedy walk below).
        scratch.Levels.Count(a.TokenIds.Span, maxN: 4);
        for (int n = 2; n <= 4; n++)
        {
            (int first, int count) = scratch.Levels.Top(n);
            double score = 0.0;
            if (count > 0)
            {
                long joined = n - 1;
                for (int k = first; k < first + n; k++)
                {
                    joined += idCodePoints[tokenIds[k]];
                }

                score = Ratio(joined * count, a.TextCodePoints);
            }

            v[SignalCatalog.GopherTop2GramCharFrac + n - 2] = score;
        }

        Span<ulong> prefix = scratch.Hashes(tokens + 1);
        Span<ulong> idScratch = scratch.IdHashes(3 * a.TokenInterner.Count);
        RepetitionStatistics.PrefixHashes(text, a.TokenInterner, tokenIds, prefix, idScratch);
        ReadOnlySpan<ulong> inversePowers = idScratch[..a.TokenInterner.Count];
        for (int n = 5; n <= 10; n++)
        {
            long repeated = RepetitionStatistics.GreedyDuplicateConcatenations(
                scratch.Concatenations, text, a.TokenInterner, tokenIds, idCodePoints, prefix, inversePowers, n);
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
