using System.Globalization;
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
    /// The Reference matcher's patterns, one alternative per licence in key order: its title or source pattern between
    /// word boundaries. The alternative of licence <c>i</c> is the group named <c>l</c><c>i</c>. At any one position the
    /// first licence that matches there wins, so the least licence over all match starts is the first licence (in key
    /// order) that matches anywhere, which is what licensee's loop over the licences finds.
    /// </summary>
    /// <param name="licenses">All licences, in key order.</param>
    /// <returns>The compiled pattern.</returns>
    public static Regex References(IReadOnlyList<LicenseTemplate> licenses)
    {
        ArgumentNullException.ThrowIfNull(licenses);
        var alternatives = new List<string>();
        for (int i = 0; i < licenses.Count; i++)
        {
            string? source = SourcePattern(licenses[i]);
            string union = "(?-i:" + TitlePattern(licenses[i]) + ")" + (source is null ? string.Empty : "|" + source);
            alternatives.Add("(?<l" + i.ToString(CultureInfo.InvariantCulture) + ">" + union + ")");
        }

        return new Regex(@"\b(?:" + string.Join('|', alternatives) + @")\b", Ruby | RegexOptions.ExplicitCapture | RegexOptions.Compiled);
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
