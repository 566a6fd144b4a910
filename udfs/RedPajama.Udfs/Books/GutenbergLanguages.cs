using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace RedPajama.Udfs.Books;

/// <summary>
/// Maps the language a Project Gutenberg header names (<c>Language: English</c>) to the language code the rest of the
/// pipeline keys on (<c>en</c>: stop words, LDNOOBW lists, language ID labels). The table is gutenberg.org's own
/// language list (Books/Languages/gutenberg-languages.tsv, embedded), ISO 639-1 where the language has such a code.
/// </summary>
public static partial class GutenbergLanguages
{
    private const string Resource = "RedPajama.Udfs.Books.gutenberg-languages.tsv";

    private static readonly Lazy<(FrozenDictionary<string, string> ByName, string[] NamesLongestFirst, FrozenSet<string> Codes)> s_table =
        new(Load);

    /// <summary>Every name in the table with its code, names as gutenberg.org writes them.</summary>
    public static IReadOnlyDictionary<string, string> Names => s_table.Value.ByName;

    /// <summary>
    /// The code for a header's language value, or null when it names no language in the table. A value that is
    /// already a code (<c>fr</c>, <c>en-US</c>) gives its lower-case primary subtag. Of a value naming several
    /// languages (<c>English, French</c>, <c>Latin and English</c>) the first is taken: Gutenberg lists the main one first.
    /// </summary>
    /// <param name="value">The <c>Language:</c> value, or a <c>language</c> meta field.</param>
    /// <returns>The code, or null.</returns>
    public static string? ToCode(string? value)
    {
        if (value is null)
        {
            return null;
        }

        ReadOnlySpan<char> text = value.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        (FrozenDictionary<string, string> byName, string[] names, FrozenSet<string> codes) = s_table.Value;
        if (byName.TryGetValue(text.ToString(), out string? exact))
        {
            return exact;
        }

        // Longest first, so "Greek, Ancient, English" is Ancient Greek and not Greek.
        foreach (string name in names)
        {
            if (text.StartsWith(name, StringComparison.OrdinalIgnoreCase) && IsSeparator(text[name.Length..]))
            {
                return byName[name];
            }
        }

        Match code = CodeLike().Match(text.ToString());
        if (code.Success)
        {
            string primary = code.Groups[1].Value.ToLowerInvariant();
            return primary.Length == 2 || codes.Contains(primary) ? primary : null;
        }

        return null;
    }

    // What may follow the first language's name: nothing, or a list separator ("English, French", "English and
    // Latin", "English/Welsh", "English (with some French)").
    private static bool IsSeparator(ReadOnlySpan<char> rest) => rest.IsEmpty || !char.IsLetterOrDigit(rest[0]);

    private static (FrozenDictionary<string, string>, string[], FrozenSet<string>) Load()
    {
        using Stream stream = typeof(GutenbergLanguages).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing");
        using var reader = new StreamReader(stream);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new InvalidDataException($"{Resource}: expected 'name<TAB>code', got '{line}'");
            }

            byName.Add(line[..tab], line[(tab + 1)..]);
        }

        string[] names = [.. byName.Keys.OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)];
        return (byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), names, byName.Values.ToFrozenSet(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeLike();
}
