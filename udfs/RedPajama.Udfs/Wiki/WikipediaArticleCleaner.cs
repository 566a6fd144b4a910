using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Wiki;

/// <summary>
/// The HuggingFace <c>wikipedia</c> builder's <c>_parse_and_clean_wikicode</c>, which made RedPajama-1T's Wikipedia
/// text: parse; for each flat section (the lead, then each top-level heading with what follows it up to the next one):
/// remove media links, keep category links with the category prefix cut from their text, remove <c>ref</c> and
/// <c>table</c> tags (wiki tables included), then <c>strip_code().strip()</c> and drop <c>__MAGIC__</c> words; join
/// the sections (empty ones too) with a blank line. Thread-safe and deterministic.
/// </summary>
public static class WikipediaArticleCleaner
{
    private static readonly Regex s_magicWords = new("__[A-Z]*__", RegexOptions.CultureInvariant);
    private static readonly ConcurrentDictionary<string, Regex> s_prefixPatterns = new(StringComparer.Ordinal);

    /// <summary>The builder's <c>_parse_and_clean_wikicode</c>: the article text, or null when the result is empty (dropped).</summary>
    /// <param name="wikitext">The page's wikitext.</param>
    /// <param name="language">The Wikipedia language code (picks the builder's alias lists).</param>
    /// <param name="extraMediaPrefixes">More media namespace names (e.g. from a dump's siteinfo), after the builder's.</param>
    /// <param name="extraCategoryPrefixes">More category namespace names, after the builder's.</param>
    /// <returns>The text, or null.</returns>
    public static string? Clean(string wikitext, string language, IReadOnlyCollection<string>? extraMediaPrefixes = null, IReadOnlyCollection<string>? extraCategoryPrefixes = null)
    {
        ArgumentNullException.ThrowIfNull(wikitext);
        ArgumentNullException.ThrowIfNull(language);
        Regex media = PrefixPattern(WikipediaAliases.MediaPrefixes(language), extraMediaPrefixes);
        Regex category = PrefixPattern(WikipediaAliases.CategoryPrefixes(language), extraCategoryPrefixes);
        WikitextList page = WikitextParser.Parse(wikitext);
        List<List<WikitextNode>> sections = Sections(page);
        var cleaner = new SectionCleaner(media, category);
        var raw = new WikitextTextBuffer();
        var collapsed = new WikitextTextBuffer();
        var result = new StringBuilder();
        for (int i = 0; i < sections.Count; i++)
        {
            cleaner.CleanLinks(sections[i]);
            cleaner.RemoveTags(sections[i]);

            // strip_code() (the top level collapsed: ends trimmed of newlines, then of all whitespace by .strip(),
            // which covers them), then the magic words removed from that text; sections joined by a blank line.
            raw.Clear();
            WikitextStripCode.AppendUncollapsed(sections[i], raw);
            collapsed.Clear();
            WikitextStripCode.AppendCollapsed(PythonText.Strip(raw.AsSpan()), collapsed);
            if (i > 0)
            {
                result.Append("\n\n");
            }

            AppendWithoutMagicWords(collapsed.AsSpan(), result);
        }

        return result.Length == 0 ? null : result.ToString();
    }

    private static void AppendWithoutMagicWords(ReadOnlySpan<char> text, StringBuilder output)
    {
        int from = 0;
        foreach (ValueMatch match in s_magicWords.EnumerateMatches(text))
        {
            output.Append(text[from..match.Index]);
            from = match.Index + match.Length;
        }

        output.Append(text[from..]);
    }

    /// <summary><c>^(?:p1|p2|…):</c>, case-insensitive; the prefixes are regex text as the builder joins them (unescaped).</summary>
    private static Regex PrefixPattern(IReadOnlyList<string> prefixes, IReadOnlyCollection<string>? extra)
    {
        var all = new List<string>(prefixes);
        if (extra is not null)
        {
            all.AddRange(extra.Where(prefix => !all.Contains(prefix, StringComparer.Ordinal)).Select(Regex.Escape));
        }

        string pattern = "^(?:" + string.Join('|', all) + "):";
        return s_prefixPatterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
    }

    /// <summary>
    /// <c>get_sections(flat=True, include_lead=True, include_headings=True)</c>: the lead (possibly empty), then from
    /// each top-level heading to the next. Each section is a copy of its top-level nodes (the nodes are shared).
    /// </summary>
    private static List<List<WikitextNode>> Sections(WikitextList page)
    {
        var sections = new List<List<WikitextNode>> { new() };
        foreach (WikitextNode node in page.Nodes)
        {
            if (node is WikitextHeading)
            {
                sections.Add([]);
            }

            sections[^1].Add(node);
        }

        return sections;
    }
}
