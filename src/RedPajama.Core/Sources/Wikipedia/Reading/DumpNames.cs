using System.Globalization;
using System.Text.RegularExpressions;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>What a dump's file name and <c>&lt;dbname&gt;</c> tell: the wiki's language and the dump date.</summary>
public static partial class DumpNames
{
    private static readonly string[] ProjectSuffixes =
        ["wiktionary", "wikibooks", "wikinews", "wikiquote", "wikisource", "wikiversity", "wikivoyage", "wiki"];

    /// <summary>
    /// The language code of a wiki database name: <c>dewiki</c> → <c>de</c>, <c>bgwiki</c> → <c>bg</c>,
    /// <c>zh_classicalwiki</c> → <c>zh-classical</c> (underscores become hyphens, as in the wiki's host name); the
    /// project suffix (<c>wiki</c>, <c>wiktionary</c>, …) is removed. Null when the name has no such suffix.
    /// </summary>
    /// <param name="dbName">A database name, e.g. from <c>&lt;siteinfo&gt;&lt;dbname&gt;</c>.</param>
    /// <returns>The code, or null.</returns>
    public static string? LanguageOfDbName(string? dbName)
    {
        if (string.IsNullOrWhiteSpace(dbName))
        {
            return null;
        }

        string name = dbName.Trim();
        foreach (string suffix in ProjectSuffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                string code = name[..^suffix.Length].Replace('_', '-');
                return LanguageCode().IsMatch(code) ? code : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The language of a dump: from its <c>&lt;dbname&gt;</c> when that has one, else from the file name's first part
    /// (<c>bgwiki-20230320-pages-articles.xml.bz2</c> → <c>bg</c>, <c>bgwiki-minidump.xml.bz2</c> → <c>bg</c>), else null.
    /// </summary>
    /// <param name="dbName">The dump's <c>&lt;dbname&gt;</c>, or null.</param>
    /// <param name="path">The dump's path or name, or null.</param>
    /// <returns>The code, or null.</returns>
    public static string? LanguageOf(string? dbName, string? path)
    {
        string? fromDb = LanguageOfDbName(dbName);
        if (fromDb is not null || string.IsNullOrEmpty(path))
        {
            return fromDb;
        }

        string name = FileName(path);
        int dash = name.IndexOfAny(['-', '.']);
        return LanguageOfDbName(dash < 0 ? name : name[..dash]);
    }

    /// <summary>
    /// The dump date <c>YYYYMMDD</c> in a file name (<c>enwiki-20230320-pages-articles-multistream1.xml-p1p41242.bz2</c>
    /// → <c>20230320</c>): the first part of eight digits between <c>-</c>, <c>_</c> or <c>.</c> that is a valid date;
    /// null when there is none (<c>enwiki-latest-…</c>).
    /// </summary>
    /// <param name="path">A path, URL or file name.</param>
    /// <returns>The date or null.</returns>
    public static string? DateOf(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (Match match in DatePart().Matches(FileName(path)))
        {
            string value = match.Groups[1].Value;
            if (DateTime.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return value;
            }
        }

        return null;
    }

    private static string FileName(string path)
    {
        int slash = path.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? path : path[(slash + 1)..];
    }

    [GeneratedRegex(@"(?<![^-_.])(\d{8})(?![^-_.])", RegexOptions.CultureInvariant)]
    private static partial Regex DatePart();

    [GeneratedRegex(@"^[a-z]{2,3}(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();
}
