using System.Text;
using System.Text.RegularExpressions;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// The patterns licensee builds from licence names, re-expressed for .NET: a licence's <c>title_regex</c> (its title
/// as written, its title with <c>the</c>, <c>version</c> and <c>v</c> made optional and <c>license</c>/<c>licence</c>
/// interchangeable, its key, and its nickname, which alone is case-sensitive), its <c>source_regex</c> (the SPDX page
/// URL), the title line stripped from every text (<c>ContentHelper.title_regex</c>, also accepting each name without
/// its version) and the README reference pattern.
/// </summary>
internal static partial class LicenseTitles
{
    private const RegexOptions Ruby = RegexOptions.CultureInvariant | RegexOptions.Multiline;

    /// <summary>Words of many licence names: a poor choice for <see cref="ReferenceWords"/>, used only when there is no other.</summary>
    private static readonly string[] CommonWords = ["license", "licence", "public", "general", "software", "open", "source", "the", "version", "clause"];

    /// <summary>The licence's <c>title_regex</c> as .NET pattern text (no options of its own: the parts carry theirs).</summary>
    /// <param name="license">The licence.</param>
    /// <returns>The pattern.</returns>
    public static string TitlePattern(LicenseTemplate license)
    {
        ArgumentNullException.ThrowIfNull(license);
        string name = ReplaceFirst(RubyText.Downcase(license.Name), "*", "u");
        string simple = name;

        string title = LeadingThe().Replace(name, string.Empty, 1);
        title = CommaVersion().Replace(title, " ", 1);
        title = VersionPrefix().Replace(title, "${1}", 1);
        title = RubyEscape(title);
        title = EscapedLicenseWord().Replace(title, @"(?:\ licen[sc]e)?", 1);
        title = EscapedVersionNumber().Replace(title, ",?" + RubyText.Space + @"+(?:version\ |v(?:\. )?)?${1}", 1);
        title = EscapedGnu().Replace(title, "(?:GNU )?", 1);

        string key = ReplaceFirst(ReplaceFirst(license.Key, "-", "[- ]"), ".", @"\.") + @"(?:\ licen[sc]e)?";

        var pattern = new StringBuilder();
        pattern.Append("(?i:").Append(simple).Append(")|(?i:").Append(title).Append(")|(?i:").Append(key).Append(')');
        if (license.Nickname is { } nickname)
        {
            pattern.Append("|(?-i:").Append(NicknameGnu().Replace(nickname, "(?:GNU )?", 1)).Append(')');
        }

        return pattern.ToString();
    }

    /// <summary>
    /// The licence's <c>source_regex</c>: its SPDX page (<c>https://spdx.org/licenses/&lt;id&gt;.html</c>) with or without
    /// TLS and <c>www.</c>, ending in <c>.html</c>, <c>.htm</c>, <c>.txt</c> or <c>/</c> and a query, or nothing. Null
    /// when the licence has no SPDX identifier.
    /// </summary>
    /// <param name="license">The licence.</param>
    /// <returns>The pattern, or null.</returns>
    public static string? SourcePattern(LicenseTemplate license)
    {
        ArgumentNullException.ThrowIfNull(license);
        if (license.SpdxId is null)
        {
            return null;
        }

        return @"(?i:(?:https?://(?:www\.)?)" + RubyEscape("spdx.org/licenses/" + license.SpdxId)
            + @"(?:(?:\.html?|\.txt|/)(?:\?" + RubyText.NonSpace + "*)?)?)";
    }

    /// <summary>
    /// <c>ContentHelper.title_regex</c>: at the start of the text, an optional <c>(</c> and <c>the</c>, then any licence's
    /// title pattern or name without version, and the rest of that line.
    /// </summary>
    /// <param name="licenses">All licences, in key order.</param>
    /// <returns>The compiled pattern.</returns>
    public static Regex ContentTitle(IReadOnlyList<LicenseTemplate> licenses)
    {
        ArgumentNullException.ThrowIfNull(licenses);
        var alternatives = new List<string>();
        foreach (LicenseTemplate license in licenses)
        {
            alternatives.Add("(?-i:" + TitlePattern(license) + ")");
        }

        foreach (LicenseTemplate license in licenses)
        {
            string withoutVersion = NameWithoutVersion(license.Name);
            if (license.Title != withoutVersion)
            {
                alternatives.Add("(?i:" + RubyEscape(withoutVersion) + ")");
            }
        }

        string pattern = @"\A" + RubyText.Space + @"*\(?(?:the )?(?-i:" + string.Join('|', alternatives) + ").*?$";
        return new Regex(pattern, Ruby | RegexOptions.IgnoreCase | RegexOptions.Compiled);
    }

    /// <summary>
    /// The Reference matcher's pattern of a licence: its title pattern or its source pattern, between word boundaries,
    /// anywhere in the text.
    /// </summary>
    /// <param name="license">The licence.</param>
    /// <returns>The pattern.</returns>
    public static Regex Reference(LicenseTemplate license)
    {
        ArgumentNullException.ThrowIfNull(license);
        string? source = SourcePattern(license);
        string union = "(?-i:" + TitlePattern(license) + ")" + (source is null ? string.Empty : "|" + source);
        return new Regex(@"\b(?-i:" + union + @")\b", Ruby | RegexOptions.Compiled);
    }

    /// <summary>
    /// Words that <see cref="Reference"/> cannot match without (one per alternative, lower case): a text that contains
    /// none of them, in any case, does not name the licence. The simple title, the flexible title and the nickname each
    /// contribute their longest word that no option removes (not <c>gnu</c>, <c>the</c>, <c>license</c>,
    /// <c>licence</c>, nor a version), the key its longest run of letters and digits, the source its SPDX page address.
    /// </summary>
    /// <param name="license">The licence.</param>
    /// <returns>The words.</returns>
    public static string[] ReferenceWords(LicenseTemplate license)
    {
        ArgumentNullException.ThrowIfNull(license);
        string name = ReplaceFirst(RubyText.Downcase(license.Name), "*", "u");
        var words = new List<string>
        {
            LongestWord(name, [], lettersOnly: false),
            LongestWord(CommaVersion().Replace(LeadingThe().Replace(name, string.Empty, 1), " ", 1), ["gnu", "the", "license", "licence"], lettersOnly: true),
            LongestWord(license.Key, [], lettersOnly: false),
        };
        if (license.Nickname is { } nickname)
        {
            words.Add(LongestWord(nickname.ToLowerInvariant(), ["gnu"], lettersOnly: false));
        }

        if (license.SpdxId is { } spdxId)
        {
            words.Add("spdx.org/licenses/" + spdxId.ToLowerInvariant());
        }

        return [.. words.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The longest run of ASCII letters and digits that is not excluded (with <paramref name="lettersOnly"/>, none with
    /// a digit: version numbers are flexible), preferring one that is no common licence word.
    /// </summary>
    private static string LongestWord(string text, string[] excluded, bool lettersOnly)
    {
        string longest = string.Empty;
        string longestUncommon = string.Empty;
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
            }

            string word = text[start..i];
            if (excluded.Contains(word, StringComparer.OrdinalIgnoreCase) || (lettersOnly && word.Any(char.IsAsciiDigit)))
            {
                continue;
            }

            if (word.Length > longest.Length)
            {
                longest = word;
            }

            if (word.Length > longestUncommon.Length && !CommonWords.Contains(word, StringComparer.OrdinalIgnoreCase))
            {
                longestUncommon = word;
            }
        }

        return longestUncommon.Length > 0 ? longestUncommon : longest;
    }

    /// <summary>
    /// <c>License#name_without_version</c>: the name up to the first <c> 1.0</c> / <c> v2.1</c> (space, optional
    /// <c>v</c>, digit, dot, digit) after its first character, or the whole first line.
    /// </summary>
    /// <param name="name">The licence's name.</param>
    /// <returns>The name without its version.</returns>
    public static string NameWithoutVersion(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || name[i] == '\n')
            {
                return name[..i];
            }

            if (name[i] == ' ')
            {
                int j = i + 1;
                if (j < name.Length && name[j] == 'v')
                {
                    j++;
                }

                if (j + 2 < name.Length && char.IsAsciiDigit(name[j]) && name[j + 1] == '.' && char.IsAsciiDigit(name[j + 2]))
                {
                    return name[..i];
                }
            }
        }

        return name;
    }

    /// <summary>
    /// Ruby's <c>Regexp.escape</c>: a backslash before <c>[ ] { } ( ) | - * . \ ? + ^ $ #</c> and space; tab, line
    /// feed, carriage return, form feed and vertical tab as <c>\t</c>, <c>\n</c>, <c>\r</c>, <c>\f</c>, <c>\v</c>.
    /// </summary>
    /// <param name="text">The literal text.</param>
    /// <returns>Pattern text matching it.</returns>
    public static string RubyEscape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '[' or ']' or '{' or '}' or '(' or ')' or '|' or '-' or '*' or '.' or '\\' or '?' or '+' or '^' or '$' or '#' or ' ':
                    escaped.Append('\\').Append(c);
                    break;
                case '\t':
                    escaped.Append(@"\t");
                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                case '\r':
                    escaped.Append(@"\r");
                    break;
                case '\f':
                    escaped.Append(@"\f");
                    break;
                case '\v':
                    escaped.Append(@"\v");
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    [GeneratedRegex(@"\Athe ", Ruby | RegexOptions.IgnoreCase)]
    private static partial Regex LeadingThe();

    [GeneratedRegex(@",? version ", Ruby)]
    private static partial Regex CommaVersion();

    [GeneratedRegex(@"v([0-9]+\.[0-9]+)", Ruby)]
    private static partial Regex VersionPrefix();

    [GeneratedRegex(@"\\ licen[sc]e", Ruby | RegexOptions.IgnoreCase)]
    private static partial Regex EscapedLicenseWord();

    [GeneratedRegex(@"\\ ([0-9]+\\.[0-9]+)", Ruby)]
    private static partial Regex EscapedVersionNumber();

    [GeneratedRegex(@"\bgnu\\ ", Ruby)]
    private static partial Regex EscapedGnu();

    [GeneratedRegex(@"\bGNU ", Ruby | RegexOptions.IgnoreCase)]
    private static partial Regex NicknameGnu();
}
