using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// Licensee 9.15.2's <c>ContentHelper#content_normalized</c>: the text a licence or a project file is compared by.
/// First, on the stripped text, horizontal rules, comment markers (when every line has one), Markdown headings, link
/// markup, leading licence titles and a leading <c>version</c> line go; then the text is lower-cased and lists, links
/// (<c>http:</c>), ampersands, dashes, quotes, British spellings, emphasis and bullets are unified; finally the BOM,
/// the Creative Commons and Unlicense boilerplate, frame borders, titles (again), the version line, a leading URL, the
/// copyright notice, block quotes, a <c>developed by:</c> paragraph, everything after "end of terms and conditions",
/// all whitespace runs and MIT's "(including the next paragraph)" are removed. Every removal replaces the match by one
/// space, collapses runs of spaces and strips the ends, as licensee's <c>strip</c> does. Thread-safe.
/// </summary>
internal sealed class LicenseNormalizer
{
    private static readonly FrozenDictionary<string, string> VarietalWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["acknowledgment"] = "acknowledgement",
        ["analogue"] = "analog",
        ["analyse"] = "analyze",
        ["artefact"] = "artifact",
        ["authorisation"] = "authorization",
        ["authorised"] = "authorized",
        ["calibre"] = "caliber",
        ["cancelled"] = "canceled",
        ["capitalisations"] = "capitalizations",
        ["catalogue"] = "catalog",
        ["categorise"] = "categorize",
        ["centre"] = "center",
        ["emphasised"] = "emphasized",
        ["favour"] = "favor",
        ["favourite"] = "favorite",
        ["fulfil"] = "fulfill",
        ["fulfilment"] = "fulfillment",
        ["initialise"] = "initialize",
        ["judgment"] = "judgement",
        ["labelling"] = "labeling",
        ["labour"] = "labor",
        ["licence"] = "license",
        ["maximise"] = "maximize",
        ["modelled"] = "modeled",
        ["modelling"] = "modeling",
        ["offence"] = "offense",
        ["optimise"] = "optimize",
        ["organisation"] = "organization",
        ["organise"] = "organize",
        ["practise"] = "practice",
        ["programme"] = "program",
        ["realise"] = "realize",
        ["recognise"] = "recognize",
        ["signalling"] = "signaling",
        ["sub-license"] = "sublicense",
        ["sub license"] = "sublicense",
        ["utilisation"] = "utilization",
        ["whilst"] = "while",
        ["wilful"] = "wilfull",
        ["non-commercial"] = "noncommercial",
        ["cent"] = "percent",
        ["owner"] = "holder",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly SearchValues<char> Quotes = SearchValues.Create("`\"‘“’”");

    private static readonly MatchEvaluator Respell = match => VarietalWords.GetValueOrDefault(match.Value, string.Empty);

    private readonly Regex title;

    /// <summary>Creates the normaliser.</summary>
    /// <param name="title">Licensee's <c>ContentHelper.title_regex</c>, built from the licence set.</param>
    public LicenseNormalizer(Regex title) => this.title = title;

    /// <summary>The normalised content.</summary>
    /// <param name="content">The file's or licence's text, LF line ends.</param>
    /// <returns>The normalised text: lower case, one space between words, no leading or trailing space.</returns>
    public string Normalize(string content)
    {
        string text = RubyText.Strip(content);

        // content_without_title_and_version
        text = Strip(text, LicensePatterns.HorizontalRule());
        text = StripComments(text);
        text = Strip(text, LicensePatterns.MarkdownHeading());
        text = LicensePatterns.LinkMarkup().Replace(text, "${1}");
        text = StripTitles(text);
        text = Strip(text, LicensePatterns.Version());

        // content_normalized
        text = RubyText.Downcase(text);
        text = LicensePatterns.ListItem().Replace(text, "- ${1}");
        text = text.Replace("http:", "https:", StringComparison.Ordinal);
        text = text.Replace("&", "and", StringComparison.Ordinal);
        text = LicensePatterns.Dashes().Replace(text, "-");
        text = UnifyQuotes(text);
        text = LicensePatterns.VarietalWord().Replace(text, Respell);
        text = LicensePatterns.SpanMarkup().Replace(text, "${1}");
        text = LicensePatterns.Bullet().Replace(text, "\n\n- ");
        text = LicensePatterns.ParenthesesGap().Replace(text, ")(");

        text = StripByteOrderMark(text);
        if (text.Contains("creative commons", StringComparison.Ordinal))
        {
            text = Strip(text, LicensePatterns.CreativeCommonsDedication());
            text = Strip(text, LicensePatterns.CreativeCommonsWiki());
        }

        if (text.Contains("associating cc0", StringComparison.Ordinal))
        {
            text = Strip(text, LicensePatterns.CreativeCommonsLegalCode());
            text = Strip(text, LicensePatterns.Cc0Information());
            text = Strip(text, LicensePatterns.Cc0Disclaimer());
        }

        if (text.Contains("unlicense", StringComparison.Ordinal))
        {
            text = Strip(text, LicensePatterns.UnlicenseInformation());
        }

        text = LicensePatterns.BorderMarkup().Replace(text, "${1}");
        text = StripTitles(text);
        text = Strip(text, LicensePatterns.Version());
        text = Strip(text, LicensePatterns.Url());
        text = StripRepeatedly(text, LicensePatterns.CopyrightOrAllRightsReserved());
        text = StripTitles(text);
        text = Strip(text, LicensePatterns.BlockMarkup());
        text = Strip(text, LicensePatterns.DevelopedBy());
        Match endOfTerms = LicensePatterns.EndOfTerms().Match(text);
        if (endOfTerms.Success)
        {
            text = text[..endOfTerms.Index];
        }

        text = CollapseWhitespace(text);
        return Strip(text, LicensePatterns.MitOptional());
    }

    /// <summary>Licensee's <c>strip</c>: every match becomes a space, then <c>squeeze(" ").strip</c>.</summary>
    private static string Strip(string text, Regex pattern) => RubyText.SqueezeStrip(pattern.Replace(text, " "));

    /// <summary><c>strip(regex) while content =~ regex</c>.</summary>
    private static string StripRepeatedly(string text, Regex pattern)
    {
        while (pattern.IsMatch(text))
        {
            text = Strip(text, pattern);
        }

        return text;
    }

    private string StripTitles(string text) => StripRepeatedly(text, title);

    /// <summary>Comment markers go only when the text has more than one line and every line starts with one.</summary>
    private static string StripComments(string text)
    {
        // Ruby's split("\n") drops trailing empty strings; an empty line in the middle has no marker, so it fails.
        int end = text.Length;
        while (end > 0 && text[end - 1] == '\n')
        {
            end--;
        }

        int lines = 0;
        int start = 0;
        while (start < end)
        {
            int newline = text.IndexOf('\n', start, end - start);
            int lineEnd = newline < 0 ? end : newline;
            if (!StartsWithCommentMarker(text.AsSpan(start, lineEnd - start)))
            {
                return text;
            }

            lines++;
            start = lineEnd + 1;
            if (newline < 0)
            {
                break;
            }
        }

        if (lines == 1)
        {
            return text;
        }

        return Strip(text, LicensePatterns.CommentMarkup());
    }

    /// <summary><c>line =~ /^\s*?[\/*]{1,2}/</c> on one line (no newline inside): optional whitespace, then <c>/</c> or <c>*</c>.</summary>
    private static bool StartsWithCommentMarker(ReadOnlySpan<char> line)
    {
        int i = 0;
        while (i < line.Length && RubyText.IsSpace(line[i]))
        {
            i++;
        }

        return i < line.Length && line[i] is '/' or '*';
    }

    /// <summary><c>strip(/\A\s*\xEF\xBB\xBF/)</c>.</summary>
    private static string StripByteOrderMark(string text)
    {
        int i = 0;
        while (i < text.Length && RubyText.IsSpace(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '\uFEFF')
        {
            text = string.Concat(" ", text.AsSpan(i + 1));
        }

        return RubyText.SqueezeStrip(text);
    }

    /// <summary>Every <c>`</c>, <c>'</c>, <c>"</c>, <c>‘</c>, <c>“</c>, <c>’</c> and <c>”</c> becomes <c>'</c>.</summary>
    private static string UnifyQuotes(string text)
    {
        int first = text.AsSpan().IndexOfAny(Quotes);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (int i = state.first; i < span.Length; i++)
            {
                if (span[i] is '`' or '"' or '‘' or '“' or '’' or '”')
                {
                    span[i] = '\'';
                }
            }
        });
    }

    /// <summary><c>strip(/\s+/)</c>: every run of ASCII whitespace becomes one space; the ends are stripped.</summary>
    private static string CollapseWhitespace(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        bool inSpace = false;
        foreach (char c in text)
        {
            if (RubyText.IsSpace(c))
            {
                inSpace = true;
                continue;
            }

            if (inSpace)
            {
                builder.Append(' ');
                inSpace = false;
            }

            builder.Append(c);
        }

        if (inSpace)
        {
            builder.Append(' ');
        }

        return RubyText.SqueezeStrip(builder.ToString());
    }
}
