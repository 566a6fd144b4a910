using System.Text.RegularExpressions;

namespace RedPajama.Udfs.Books;

/// <summary>
/// Reads the metadata lines of a Project Gutenberg header (the lines before the START marker).
/// Keys are matched anywhere in a line because some files lost a newline before them
/// (1952-0.txt has "…www.gutenberg.orgTitle: The Yellow Wallpaper").
/// </summary>
public static partial class GutenbergHeader
{
    /// <summary>Parses header lines.</summary>
    /// <param name="lines">The header, one entry per line, without line breaks.</param>
    /// <returns>The metadata found.</returns>
    public static GutenbergMetadata Parse(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        string? title = ReadField(lines, TitleKey());
        string? author = ReadField(lines, AuthorKey());
        // Codes, not names: the word lists and language ID are keyed by code.
        string? language = GutenbergLanguages.ToCode(ReadField(lines, LanguageKey()));
        string? charset = ReadField(lines, EncodingKey());
        string? number = null;
        foreach (string line in lines)
        {
            Match m = EbookNumber().Match(line);
            if (m.Success)
            {
                number = m.Groups[1].Value;
                break;
            }
        }

        if (title is null || author is null)
        {
            (string? openingTitle, string? openingAuthor) = ReadOpeningLine(lines);
            title ??= openingTitle;
            author ??= openingAuthor;
        }

        return new GutenbergMetadata(title, author, language, number, charset);
    }

    private static string? ReadField(IReadOnlyList<string> lines, Regex key)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            Match m = key.Match(lines[i]);
            if (!m.Success)
            {
                continue;
            }

            string value = lines[i][(m.Index + m.Length)..].Trim();
            // A value goes on over the following lines until a blank line or the next "Key:" line.
            for (int j = i + 1; j < lines.Count; j++)
            {
                string next = lines[j].Trim();
                if (next.Length == 0 || AnyKey().IsMatch(next))
                {
                    break;
                }

                value = value.Length == 0 ? next : value + " " + next;
            }

            return value.Length == 0 ? null : value;
        }

        return null;
    }

    private static (string? Title, string? Author) ReadOpeningLine(IReadOnlyList<string> lines)
    {
        foreach (string raw in lines)
        {
            string line = raw.Trim().Trim('*').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            Match m = OpeningLine().Match(line);
            if (!m.Success)
            {
                return (null, null);
            }

            string title = m.Groups["title"].Value.Trim();
            string author = m.Groups["author"].Value.Trim();
            return (title.Length == 0 ? null : title, author.Length == 0 ? null : author);
        }

        return (null, null);
    }

    [GeneratedRegex(@"Title:[ \t]*", RegexOptions.CultureInvariant)]
    private static partial Regex TitleKey();

    [GeneratedRegex(@"^\s*Author:[ \t]*", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorKey();

    [GeneratedRegex(@"^\s*Language:[ \t]*", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageKey();

    [GeneratedRegex(@"^\s*\w+ set encoding:[ \t]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EncodingKey();

    [GeneratedRegex(@"^[A-Z][A-Za-z ]{1,30}:(\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex AnyKey();

    [GeneratedRegex(@"\[\s*(?:e-?book|e-?text)\s*#\s*(\d+)\s*\]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EbookNumber();

    [GeneratedRegex(
        @"^(?:This is )?(?:The )?Project Gutenberg(?:'s|’s)?(?:\s+(?:e-?book|e-?text))?(?:,|\s+of)?\s+(?<title>.+?)(?:,?\s+by\s+(?<author>.+?))?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OpeningLine();
}
