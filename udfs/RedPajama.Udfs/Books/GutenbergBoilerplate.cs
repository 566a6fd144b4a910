namespace RedPajama.Udfs.Books;

/// <summary>
/// Finds where a Project Gutenberg book's own text starts and ends. Markers are matched on the trimmed,
/// case-folded line, so indented 2023-style END lines and "***START OF" without a space are found
/// (line-prefix matchers such as c-w/gutenberg's miss the indented ones).
/// </summary>
public static class GutenbergBoilerplate
{
    // Lines that end the header; the last one wins, since old files carry "*END*THE SMALL PRINT" and some
    // also a later "*** START OF" line.
    private static readonly string[] StartMarkers =
    [
        "start of the project gutenberg",
        "start of this project gutenberg",
        "start of the copyrighted project gutenberg",
        "end*the small print",
        "end the small print",
    ];

    // Lines that begin the footer; the first one after the header wins ("End of Project Gutenberg's X"
    // comes two lines before "*** END OF THIS PROJECT GUTENBERG EBOOK X ***").
    private static readonly string[] EndMarkers =
    [
        "end of the project gutenberg",
        "end of this project gutenberg",
        "end of project gutenberg",
        "end of the copyrighted project gutenberg",
        "ende dieses project gutenberg",
        "ende dieses projekt gutenberg",
        "fin de project gutenberg",
        "fin du project gutenberg",
    ];

    // Paragraphs right after the START marker that credit the transcription rather than belong to the book.
    private static readonly string[] CreditPhrases =
    [
        "produced by",
        "prepared by",
        "project gutenberg",
        "distributed proofread",
        "pgdp.net",
        "internet archive",
        "gallica.bnf.fr",
        "through ocr",
    ];

    // Notices that some editions (the World Library Shakespeare) repeat inside the text.
    private const string LegaleseStart = "<<this electronic version of";
    private const string LegaleseEnd = "service that charges for download";

    /// <summary>How many leading paragraphs after the START marker are examined for transcription credits.</summary>
    public const int MaxCreditParagraphs = 8;

    /// <summary>Index of the line that ends the header (the START marker), or -1 when there is none.</summary>
    /// <param name="lines">All lines of the file.</param>
    /// <returns>The marker's line index.</returns>
    public static int FindStartMarker(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        int found = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            string key = MarkerKey(lines[i]);
            if (key.Length == 0)
            {
                continue;
            }

            if (StartsWithAny(key, EndMarkers))
            {
                break;
            }

            if (StartsWithAny(key, StartMarkers))
            {
                found = i;
            }
        }

        return found;
    }

    /// <summary>Index of the first footer line after <paramref name="from"/>, or -1 when there is none.</summary>
    /// <param name="lines">All lines of the file.</param>
    /// <param name="from">The first line of the body.</param>
    /// <returns>The footer's first line index.</returns>
    public static int FindEndMarker(IReadOnlyList<string> lines, int from)
    {
        ArgumentNullException.ThrowIfNull(lines);
        for (int i = Math.Max(0, from); i < lines.Count; i++)
        {
            string key = MarkerKey(lines[i]);
            if (key.Length != 0 && StartsWithAny(key, EndMarkers))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The body lines between the markers with leading transcription-credit paragraphs and legalese notices removed.
    /// </summary>
    /// <param name="lines">All lines of the file.</param>
    /// <param name="start">First body line (the line after the START marker).</param>
    /// <param name="end">One past the last body line (the footer's first line).</param>
    /// <returns>The kept lines, in order.</returns>
    public static List<string> Body(IReadOnlyList<string> lines, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(lines);
        start = SkipCreditParagraphs(lines, start, end);
        var kept = new List<string>(Math.Max(0, end - start));
        bool inLegalese = false;
        for (int i = start; i < end; i++)
        {
            string folded = lines[i].TrimStart().ToLowerInvariant();
            if (folded.StartsWith(LegaleseStart, StringComparison.Ordinal))
            {
                inLegalese = true;
                continue;
            }

            if (inLegalese)
            {
                inLegalese = !folded.Contains(LegaleseEnd, StringComparison.Ordinal);
                continue;
            }

            kept.Add(lines[i]);
        }

        return kept;
    }

    private static int SkipCreditParagraphs(IReadOnlyList<string> lines, int start, int end)
    {
        int position = start;
        for (int paragraph = 0; paragraph < MaxCreditParagraphs; paragraph++)
        {
            int first = position;
            while (first < end && string.IsNullOrWhiteSpace(lines[first]))
            {
                first++;
            }

            int last = first;
            while (last < end && !string.IsNullOrWhiteSpace(lines[last]))
            {
                last++;
            }

            if (first == last || !IsCredit(lines, first, last))
            {
                break;
            }

            position = last;
        }

        return position;
    }

    private static bool IsCredit(IReadOnlyList<string> lines, int first, int last)
    {
        bool onlyStars = true;
        for (int i = first; i < last; i++)
        {
            string folded = lines[i].ToLowerInvariant();
            foreach (string phrase in CreditPhrases)
            {
                if (folded.Contains(phrase, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            onlyStars &= folded.Trim().Trim('*').Length == 0;
        }

        return onlyStars;
    }

    private static string MarkerKey(string line)
    {
        ReadOnlySpan<char> span = line.AsSpan().Trim();
        // Marker lines start with '*' (or a few spaces); long prose lines are never markers.
        if (span.Length == 0 || span.Length > 200)
        {
            return string.Empty;
        }

        span = span.TrimStart('*').TrimStart();
        return span.ToString().ToLowerInvariant();
    }

    private static bool StartsWithAny(string key, string[] markers)
    {
        foreach (string marker in markers)
        {
            if (key.StartsWith(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
