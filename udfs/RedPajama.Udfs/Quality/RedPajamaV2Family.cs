namespace RedPajama.Udfs.Quality;

/// <summary>
/// RedPajama-V2's rule-based signals (<c>app/src/core/quality_signals/{content,natural_language,repetitions,lines}.py</c>
/// at commit 6d2cee9), value for value: same empty-text values, same rounding (<see cref="PythonRounding.Round8"/>),
/// code-point lengths and offsets.
/// </summary>
internal static class RedPajamaV2Family
{
    private static readonly string[] s_bullets = ["\u2022", "\u2023", "\u25B6", "\u25C0", "\u25E6", "\u25A0", "\u25A1", "\u25AA", "\u25AB", "\u2013"];

    public static void Compute(TextAnalysis a, SignalScratch scratch, LanguageWordLists lists, QualitySignalValues values)
    {
        double[] v = values.Document;
        ReadOnlySpan<char> text = a.Text;
        int words = a.WordCount;
        int tokens = a.TokenCount;
        int normalizedLength = NormalizedLength(a, 0, words);

        // content.py
        int curly = text.Count('{') + text.Count('}');
        v[SignalCatalog.CurlyBracket] = a.TextCodePoints == 0 || curly == 0 ? 0.0 : PythonRounding.Round8((double)curly / a.TextCodePoints);
        v[SignalCatalog.LoremIpsum] = normalizedLength == 0 ? 0.0 : LoremIpsum(a.Normalized.Span, normalizedLength);
        v[SignalCatalog.LdnoobwWords] = lists.BadWords is { } badWords ? (normalizedLength == 0 ? 0.0 : CountBadWordNGrams(a, scratch, badWords)) : double.NaN;
        v[SignalCatalog.StopWordFraction] = lists.StopWords is { } stopWords
            ? (words == 0 ? 0.0 : PythonRounding.Round8((double)CountTokensIn(a, scratch, stopWords) / tokens))
            : double.NaN;

        // natural_language.py
        v[SignalCatalog.NumSentences] = SentenceCounter.Count(text);
        v[SignalCatalog.WordCount] = words;
        v[SignalCatalog.MeanWordLength] = words == 0 ? double.NaN : PythonRounding.Round8((double)a.WordCodePointTotal / words);
        v[SignalCatalog.SymbolToWordRatio] = tokens == 0 ? double.NaN
            : PythonRounding.Round8((double)(text.Count('#') + CountNonOverlapping(text, "...") + text.Count('\u2026')) / tokens);
        v[SignalCatalog.FracLinesEndWithEllipsis] = a.LineCount == 0 ? double.NaN : PythonRounding.Round8((double)CountEllipsisLines(a) / a.LineCount);
        if (tokens == 0)
        {
            v[SignalCatalog.FracNoAlphWords] = double.NaN;
            v[SignalCatalog.FracAllCapsWords] = double.NaN;
        }
        else
        {
            (int withAsciiLetter, int allCaps) = CountTokenShapes(a);
            v[SignalCatalog.FracNoAlphWords] = PythonRounding.Round8(1.0 - ((double)withAsciiLetter / tokens));
            v[SignalCatalog.FracAllCapsWords] = PythonRounding.Round8((double)allCaps / tokens);
        }

        if (words == 0)
        {
            v[SignalCatalog.FracUniqueWords] = double.NaN;
            v[SignalCatalog.UnigramEntropy] = double.NaN;
        }
        else
        {
            v[SignalCatalog.FracUniqueWords] = PythonRounding.Round8((double)a.WordInterner.Count / words);
            v[SignalCatalog.UnigramEntropy] = PythonRounding.Round8(Entropy(a, scratch));
        }

        // repetitions.py
        ReadOnlySpan<int> ids = a.WordIds.Span;
        ReadOnlySpan<int> idCodePoints = a.WordIdCodePoints.Span;
        NGramLevels levels = scratch.Levels;
        levels.Count(ids);
        for (int n = 2; n <= 4; n++)
        {
            (int first, int count) = levels.Top(n);
            double score = 0.0;
            if (count > 1)
            {
                long chars = 0;
                for (int k = first; k < first + n; k++)
                {
                    chars += idCodePoints[ids[k]];
                }

                score = PythonRounding.Round8((double)(chars * count) / a.WordCodePointTotal);
            }

            v[SignalCatalog.FracCharsTop2Gram + n - 2] = score;
        }

        for (int n = 5; n <= 10; n++)
        {
            v[SignalCatalog.FracCharsDupe5Grams + n - 5] = words >= n && a.WordCodePointTotal > 0
                ? PythonRounding.Round8((double)levels.CoveredByRepeats(ids, idCodePoints, n) / a.WordCodePointTotal)
                : 0.0;
        }

        ComputeLines(a, values);
    }

    private static void ComputeLines(TextAnalysis a, QualitySignalValues values)
    {
        ReadOnlySpan<char> text = a.Text;
        int lines = a.LineCount;

        // The six line signals share one array of starts and one of ends.
        var starts = new long[lines];
        var ends = new long[lines];
        for (int line = 0; line < lines; line++)
        {
            starts[line] = a.LineCodePointStarts[line];
            ends[line] = a.LineCodePointEnds[line];
        }

        var javascript = LineSignalValues.OverSharedSpans(starts, ends, lines);
        var terminal = LineSignalValues.OverSharedSpans(starts, ends, lines);
        var wordCounts = LineSignalValues.OverSharedSpans(starts, ends, lines);
        var uppercase = LineSignalValues.OverSharedSpans(starts, ends, lines);
        var numerical = LineSignalValues.OverSharedSpans(starts, ends, lines);
        LineSignalValues bullets = lines == 0 ? new LineSignalValues(1) : LineSignalValues.OverSharedSpans(starts, ends, lines);
        int javascriptId = IdOf(a.WordInterner, a.Normalized.Span, "javascript");
        ReadOnlySpan<int> ids = a.WordIds.Span;
        for (int line = 0; line < lines; line++)
        {
            long length = ends[line] - starts[line];
            ReadOnlySpan<char> raw = text[a.LineStarts[line]..a.LineEnds[line]];
            int firstWord = a.LineFirstWords[line];
            int lineWords = a.LineFirstWords[line + 1] - firstWord;
            int normalizedLength = NormalizedLength(a, firstWord, lineWords);

            int javascriptWords = 0;
            foreach (int id in ids.Slice(firstWord, lineWords))
            {
                javascriptWords += id == javascriptId ? 1 : 0;
            }

            javascript.Values[line] = javascriptWords;
            ReadOnlySpan<char> right = PythonText.RightStrip(raw);
            terminal.Values[line] = right.Length > 0 && right[^1] is '.' or '!' or '?' or '\u201D' ? 1.0 : 0.0;
            wordCounts.Values[line] = lineWords;
            int upper = 0;
            for (int i = 0; i < raw.Length;)
            {
                int codePoint = PythonText.CodePointAt(raw, i, out int width);
                i += width;
                if (PythonText.IsUpper(codePoint))
                {
                    upper++;
                }
            }

            uppercase.Values[line] = length == 0 ? 0.0 : PythonRounding.Round8((double)upper / length);
            numerical.Values[line] = normalizedLength == 0 ? 0.0 : PythonRounding.Round8((double)a.LineNumericChars[line] / normalizedLength);
            bullets.Values[line] = StartsWithAny(PythonText.LeftStrip(raw), s_bullets) ? 1.0 : 0.0;
        }

        if (lines == 0)
        {
            // Upstream returns one null span over the whole (empty) document here, and nothing for the others.
            bullets.Add(0, a.TextCodePoints, double.NaN);
        }

        values.Lines[SignalCatalog.LinesJavascriptCounts] = javascript;
        values.Lines[SignalCatalog.LinesEndingWithTerminalPunctuation] = terminal;
        values.Lines[SignalCatalog.LinesNumWords] = wordCounts;
        values.Lines[SignalCatalog.LinesUppercaseLetterFraction] = uppercase;
        values.Lines[SignalCatalog.LinesNumericalCharsFraction] = numerical;
        values.Lines[SignalCatalog.LinesStartWithBulletpoint] = bullets;
    }

    /// <summary>Code points of <c>" ".join(words[first:first+count])</c>.</summary>
    private static int NormalizedLength(TextAnalysis a, int first, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        int length = count - 1;
        ReadOnlySpan<int> idCodePoints = a.WordIdCodePoints.Span;
        foreach (int id in a.WordIds.Span.Slice(first, count))
        {
            length += idCodePoints[id];
        }

        return length;
    }

    /// <summary>The id of the word <paramref name="word"/>, or -1 when the text does not have it.</summary>
    private static int IdOf(SpanInterner interner, ReadOnlySpan<char> source, string word)
    {
        for (int id = 0; id < interner.Count; id++)
        {
            if (source.Slice(interner.StartOf(id), interner.LengthOf(id)).SequenceEqual(word))
            {
                return id;
            }
        }

        return -1;
    }

    /// <summary>
    /// <c>len(re.findall("lorem ipsum", normalized, re.IGNORECASE)) / len(normalized)</c>, after upstream's
    /// case-sensitive <c>in</c> test. Under IGNORECASE, Python also matches dotless ı for i and long ſ for s.
    /// </summary>
    private static double LoremIpsum(ReadOnlySpan<char> normalized, int normalizedLength)
    {
        const string Phrase = "lorem ipsum";
        if (normalized.IndexOf(Phrase, StringComparison.Ordinal) < 0)
        {
            return 0.0;
        }

        int count = 0;
        for (int i = 0; i + Phrase.Length <= normalized.Length;)
        {
            if (MatchesIgnoringCase(normalized.Slice(i, Phrase.Length), Phrase))
            {
                count++;
                i += Phrase.Length;
            }
            else
            {
                i++;
            }
        }

        return PythonRounding.Round8((double)count / normalizedLength);
    }

    private static bool MatchesIgnoringCase(ReadOnlySpan<char> candidate, string phrase)
    {
        for (int i = 0; i < phrase.Length; i++)
        {
            char c = candidate[i];
            char p = phrase[i];
            if (c != p && !(p == 'i' && c == '\u0131') && !(p == 's' && c == '\u017F'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RPS_Doc_LDNOOBW_Words: for each entry word count n, the normalized n-grams that are entries.</summary>
    private static int CountBadWordNGrams(TextAnalysis a, SignalScratch scratch, BadWordList badWords)
    {
        ReadOnlySpan<char> normalized = a.Normalized.Span;
        int words = a.WordCount;
        ReadOnlySpan<int> ids = a.WordIds.Span;

        // Per distinct word: 1 = an entry itself, 2 = the first word of a multi-word entry.
        Span<ulong> flags = scratch.Hashes(a.WordInterner.Count);
        for (int id = 0; id < flags.Length; id++)
        {
            ReadOnlySpan<char> word = normalized.Slice(a.WordInterner.StartOf(id), a.WordInterner.LengthOf(id));
            flags[id] = !badWords.EntriesOrPhraseFirstWords.Contains(word) ? 0
                : (badWords.Contains(word) ? 1UL : 0) | (badWords.PhraseFirstWords.Contains(word) ? 2UL : 0);
        }

        SpanInterner interner = a.WordInterner;
        int count = 0;
        foreach (int n in badWords.GramSizes)
        {
            // Word i starts where the words before it and their separating spaces end.
            int start = 0;
            for (int i = 0; i + n <= words; start += interner.LengthOf(ids[i]) + 1, i++)
            {
                if (n == 1)
                {
                    count += (int)(flags[ids[i]] & 1);
                    continue;
                }

                if ((flags[ids[i]] & 2) == 0)
                {
                    continue;
                }

                int end = start + n - 1;
                foreach (int id in ids.Slice(i, n))
                {
                    end += interner.LengthOf(id);
                }

                if (badWords.Contains(normalized[start..end]))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Raw tokens in the stop-word set, looked up once per distinct token.</summary>
    private static int CountTokensIn(TextAnalysis a, SignalScratch scratch, WordSet set)
    {
        ReadOnlySpan<char> text = a.Text;
        Span<bool> member = scratch.Booleans(a.TokenInterner.Count);
        for (int id = 0; id < member.Length; id++)
        {
            member[id] = set.Contains(text.Slice(a.TokenInterner.StartOf(id), a.TokenInterner.LengthOf(id)));
        }

        int count = 0;
        foreach (int id in a.TokenIds.Span)
        {
            count += member[id] ? 1 : 0;
        }

        return count;
    }

    private static (int WithAsciiLetter, int AllCaps) CountTokenShapes(TextAnalysis a)
    {
        ReadOnlySpan<TokenShape> shapes = a.TokenShapes();
        int withLetter = 0;
        int allCaps = 0;
        foreach (int id in a.TokenIds.Span)
        {
            TokenShape shape = shapes[id];
            withLetter += (shape & TokenShape.HasAsciiLetter) != 0 ? 1 : 0;
            allCaps += (shape & TokenShape.IsUpper) != 0 ? 1 : 0;
        }

        return (withLetter, allCaps);
    }

    private static int CountEllipsisLines(TextAnalysis a)
    {
        ReadOnlySpan<char> text = a.Text;
        int count = 0;
        for (int line = 0; line < a.LineCount; line++)
        {
            ReadOnlySpan<char> right = PythonText.RightStrip(text[a.LineStarts[line]..a.LineEnds[line]]);
            if (right.EndsWith("...", StringComparison.Ordinal) || right.EndsWith("\u2026", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Python's <c>str.count</c>: non-overlapping occurrences, left to right.</summary>
    internal static int CountNonOverlapping(ReadOnlySpan<char> text, string value)
    {
        int count = 0;
        int index;
        while ((index = text.IndexOf(value, StringComparison.Ordinal)) >= 0)
        {
            count++;
            text = text[(index + value.Length)..];
        }

        return count;
    }

    /// <summary>Unigram entropy, summed in first-seen order of the words as Python iterates the Counter.</summary>
    private static double Entropy(TextAnalysis a, SignalScratch scratch)
    {
        int distinct = a.WordInterner.Count;
        Span<ulong> counts = scratch.Hashes(distinct);
        counts.Clear();
        foreach (int id in a.WordIds.Span)
        {
            counts[id]++;
        }

        double total = a.WordCount;
        double entropy = 0.0;
        for (int id = 0; id < distinct; id++)
        {
            double x = counts[id];
            entropy += -x / total * Math.Log(x / total);
        }

        return entropy;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> text, string[] prefixes)
    {
        foreach (string prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
