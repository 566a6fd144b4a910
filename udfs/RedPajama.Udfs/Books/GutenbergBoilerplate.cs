using RedPajama.Udfs.Text;

namespace RedPajama.Udfs.Books;

/// <summary>
/// Finds where a Project Gutenberg book's own text starts and ends. Markers are matched on the trimmed line,
/// ignoring case and leading asterisks, so indented 2023-style END lines and "***START OF" without a space are
/// found (line-prefix matchers such as c-w/gutenberg's miss the indented ones). Works on line offsets: no
/// per-line strings.
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

    // The line that opens the licence ("***START**THE SMALL PRINT!**FOR PUBLIC DOMAIN EBOOKS**START***"). Before
    // 1997 it sits in the header, ahead of its "*END*THE SMALL PRINT" (the START marker); from about 2001 it follows
    // the book. So once a START marker is found, it begins the footer: a 2003 book that runs straight into its small
    // print, with no "End of …" line, would otherwise take the small print's closing "*END THE SMALL PRINT" as its
    // START marker and come out empty.
    private static readonly string[] SmallPrintOpenings =
    [
        "start**the small print",
        "start*the small print",
        "start the small print",
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

    // Marker lines are short; long prose lines are never markers.
    private const int MaxMarkerLineLength = 200;

    /// <summary>How many leading paragraphs after the START marker are examined for transcription credits.</summary>
    public const int MaxCreditParagraphs = 8;

    /// <summary>
    /// Longest paragraph, in lines, taken for a transcription credit: a long one is the book itself (a text without
    /// blank lines is one paragraph, and may well say "produced by" somewhere).
    /// </summary>
    public const int MaxCreditParagraphLines = 12;

    /// <summary>
    /// Index of the line that ends the header (the last START marker before the footer), or -1 when there is none.
    /// </summary>
    /// <param name="lines">All lines of the file.</param>
    /// <returns>The marker's line index.</returns>
    public static int FindStartMarker(TextLines lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        int found = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            ReadOnlySpan<char> key = MarkerKey(lines[i]);
            if (key.IsEmpty)
            {
                continue;
            }

            if (StartsWithAny(key, EndMarkers) || (found >= 0 && StartsWithAny(key, SmallPrintOpenings)))
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

    /// <summary>
    /// Index of the first footer line (an END marker, or the line opening the small print) at or after
    /// <paramref name="from"/>, or -1 when there is none.
    /// </summary>
    /// <param name="lines">All lines of the file.</param>
    /// <param name="from">The first line of the body.</param>
    /// <returns>The footer's first line index.</returns>
    public static int FindEndMarker(TextLines lines, int from)
    {
        ArgumentNullException.ThrowIfNull(lines);
        for (int i = Math.Max(0, from); i < lines.Count; i++)
        {
            ReadOnlySpan<char> key = MarkerKey(lines[i]);
            if (!key.IsEmpty && (StartsWithAny(key, EndMarkers) || StartsWithAny(key, SmallPrintOpenings)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The first body line once leading transcription-credit paragraphs ("Produced by …", scanning credits, an
    /// opening "Project Gutenberg Etext of …" line, a row of asterisks) are skipped.
    /// </summary>
    /// <param name="lines">All lines of the file.</param>
    /// <param name="start">First line after the START marker.</param>
    /// <param name="end">The footer's first line (or the line count).</param>
    /// <returns>The first line of the book's own text.</returns>
    public static int SkipCreditParagraphs(TextLines lines, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(lines);
        int position = start;
        for (int paragraph = 0; paragraph < MaxCreditParagraphs; paragraph++)
        {
            int first = position;
            while (first < end && lines.IsBlank(first))
            {
                first++;
            }

            int last = first;
            while (last < end && !lines.IsBlank(last))
            {
                last++;
            }

            if (first == last || last - first > MaxCreditParagraphLines || !IsCredit(lines, first, last))
            {
                break;
            }

            position = last;
        }

        return position;
    }

    /// <summary>True when a line opens a legalese notice that runs to a line containing its end phrase.</summary>
    /// <param name="line">A line.</param>
    /// <returns>Whether the line starts a notice.</returns>
    public static bool IsLegaleseStart(ReadOnlySpan<char> line) =>
        line.TrimStart().StartsWith(LegaleseStart, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a line closes a legalese notice.</summary>
    /// <param name="line">A line.</param>
    /// <returns>Whether the line ends a notice.</returns>
    public static bool IsLegaleseEnd(ReadOnlySpan<char> line) =>
        line.Contains(LegaleseEnd, StringComparison.OrdinalIgnoreCase);

    private static bool IsCredit(TextLines lines, int first, int last)
    {
        bool onlyStars = true;
        for (int i = first; i < last; i++)
        {
            ReadOnlySpan<char> line = lines[i];
            foreach (string phrase in CreditPhrases)
            {
                if (line.Contains(phrase, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            onlyStars &= line.Trim().Trim('*').IsEmpty;
        }

        return onlyStars;
    }

    private static ReadOnlySpan<char> MarkerKey(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<char> span = line.Trim();
        return span.Length > MaxMarkerLineLength ? default : span.TrimStart('*').TrimStart();
    }

    private static bool StartsWithAny(ReadOnlySpan<char> key, string[] markers)
    {
        foreach (string marker in markers)
        {
            if (key.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
