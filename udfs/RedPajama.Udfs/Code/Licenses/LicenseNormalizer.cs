using System.Buffers;
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
    private static readonly SearchValues<char> Quotes = SearchValues.Create("`\"‘“’”");
    private static readonly SearchValues<char> RuleCharacters = SearchValues.Create("=-*");
    private static readonly SearchValues<char> EmphasisCharacters = SearchValues.Create("_*~");

    private readonly Regex title;

    /// <summary>Creates the normaliser.</summary>
    /// <param name="title">Licensee's <c>ContentHelper.title_regex</c>, built from the licence set.</param>
    public LicenseNormalizer(Regex title) => this.title = title;

    /// <summary>The normalised content.</summary>
    /// <param name="content">The file's or licence's text, LF line ends.</param>
    /// <returns>The normalised text: lower case, one space between words, no leading or trailing space.</returns>
    public string Normalize(string content)
    {
        var text = new Work(RubyText.Strip(content));

        // content_without_title_and_version
        if (HasDashRun(text.Text))
        {
            text.Rewrite(LicenseRewrites.HorizontalRules(text.Text));
        }

        text.Tidy();
        text.Rewrite(StripComments(text.Text));
        if (text.Text.Contains('#', StringComparison.Ordinal))
        {
            text.Rewrite(LicenseRewrites.MarkdownHeadings(text.Text));
        }

        text.Tidy();
        text.Rewrite(LicenseRewrites.LinkMarkup(text.Text));

        StripTitles(ref text);
        text.StripLeading(LicensePatterns.Version());

        // content_normalized; lower-casing neither adds nor removes spaces.
        text.Text = RubyText.Downcase(text.Text);
        text.Rewrite(LicenseRewrites.ListItems(text.Text));
        text.Rewrite(text.Text.Replace("http:", "https:", StringComparison.Ordinal));
        text.Rewrite(text.Text.Replace("&", "and", StringComparison.Ordinal));
        text.Rewrite(LicenseRewrites.Dashes(text.Text));
        text.Rewrite(UnifyQuotes(text.Text));
        text.Rewrite(LicenseRewrites.VarietalWords(text.Text));
        if (text.Text.AsSpan().ContainsAny(EmphasisCharacters))
        {
            text.Rewrite(LicensePatterns.SpanMarkup().Replace(text.Text, "${1}"));
        }

        text.Rewrite(LicenseRewrites.Bullets(text.Text));

        if (text.Text.Contains(')', StringComparison.Ordinal))
        {
            text.Rewrite(LicensePatterns.ParenthesesGap().Replace(text.Text, ")("));
        }

        text.Rewrite(StripByteOrderMark(text.Text));
        text.Tidy();
        if (text.Text.Contains("creative commons", StringComparison.Ordinal))
        {
            text.Strip(LicensePatterns.CreativeCommonsDedication());
            text.Strip(LicensePatterns.CreativeCommonsWiki());
        }

        if (text.Text.Contains("associating cc0", StringComparison.Ordinal))
        {
            text.Strip(LicensePatterns.CreativeCommonsLegalCode());
            text.Strip(LicensePatterns.Cc0Information());
            text.Strip(LicensePatterns.Cc0Disclaimer());
        }

        if (text.Text.Contains("unlicense", StringComparison.Ordinal))
        {
            text.Strip(LicensePatterns.UnlicenseInformation());
        }

        if (HasBorderLine(text.Text))
        {
            text.Rewrite(LicensePatterns.BorderMarkup().Replace(text.Text, "${1}"));
        }

        StripTitles(ref text);
        text.StripLeading(LicensePatterns.Version());
        text.StripLeading(LicensePatterns.Url());
        while (text.StripLeadingIfMatched(LicensePatterns.CopyrightOrAllRightsReserved()))
        {
        }

        StripTitles(ref text);
        if (text.Text.Contains('>', StringComparison.Ordinal))
        {
            text.Rewrite(LicenseRewrites.BlockQuotes(text.Text));
        }

        text.Tidy();
        text.StripLeading(LicensePatterns.DevelopedBy());
        if (LicenseRewrites.EndOfTerms(text.Text) is >= 0 and var endOfTerms)
        {
            text.Rewrite(text.Text[..endOfTerms]);
        }

        text = new Work(RubyText.CollapseWhitespace(text.Text));
        if (text.Text.Contains("(including", StringComparison.Ordinal))
        {
            text.Strip(LicensePatterns.MitOptional());
        }

        return text.Text;
    }

    /// <summary>Whether three of <c>=</c>, <c>-</c>, <c>*</c> follow each other somewhere (else no horizontal rule can match).</summary>
    private static bool HasDashRun(string text)
    {
        ReadOnlySpan<char> rest = text;
        while (true)
        {
            int at = rest.IndexOfAny(RuleCharacters);
            if (at < 0 || at + 2 >= rest.Length)
            {
                return false;
            }

            if (RuleCharacters.Contains(rest[at + 1]) && RuleCharacters.Contains(rest[at + 2]))
            {
                return true;
            }

            rest = rest[(at + 1)..];
        }
    }

    /// <summary>Whether a line starts with <c>*</c> or <c>-</c> (else no border can match).</summary>
    private static bool HasBorderLine(string text) =>
        (text.Length > 0 && text[0] is '*' or '-') || text.Contains("\n*", StringComparison.Ordinal) || text.Contains("\n-", StringComparison.Ordinal);

    /// <summary><c>strip_title</c>: the title line goes while there is one.</summary>
    private void StripTitles(ref Work text)
    {
        while (text.StripLeadingIfMatched(title))
        {
        }
    }

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

        return RubyText.SqueezeStrip(LicensePatterns.CommentMarkup().Replace(text, " "));
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

    /// <summary><c>gsub(/\A\s*\xEF\xBB\xBF/, " ")</c> (the caller squeezes and strips).</summary>
    private static string StripByteOrderMark(string text)
    {
        int i = 0;
        while (i < text.Length && RubyText.IsSpace(text[i]))
        {
            i++;
        }

        return i < text.Length && text[i] == '\uFEFF' ? string.Concat(" ", text.AsSpan(i + 1)) : text;
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

    /// <summary>
    /// The text being normalised, and whether it is known to be squeezed and stripped, so that licensee's
    /// <c>squeeze(" ").strip</c> after every removal only scans the text when something may have changed.
    /// </summary>
    private struct Work(string text)
    {
        public string Text = text;

        private bool clean;

        /// <summary>Takes a rewritten text (the same instance means unchanged).</summary>
        public void Rewrite(string rewritten)
        {
            if (!ReferenceEquals(rewritten, Text))
            {
                Text = rewritten;
                clean = false;
            }
        }

        /// <summary><c>squeeze(" ").strip</c>.</summary>
        public void Tidy()
        {
            if (!clean)
            {
                Text = RubyText.SqueezeStrip(Text);
                clean = true;
            }
        }

        /// <summary>Licensee's <c>strip</c>: every match becomes a space, then <c>squeeze(" ").strip</c>.</summary>
        public void Strip(Regex pattern)
        {
            Rewrite(pattern.Replace(Text, " "));
            Tidy();
        }

        /// <summary><see cref="Strip"/> for a pattern anchored at the start (<c>\A</c>), which matches once at most.</summary>
        public void StripLeading(Regex pattern)
        {
            RemoveLeading(pattern);
            Tidy();
        }

        /// <summary>
        /// One turn of licensee's <c>strip(regex) while content =~ regex</c> for a pattern anchored at the start: when
        /// it matches, the match becomes a space and the text is squeezed and stripped; when not, nothing happens.
        /// </summary>
        /// <returns>Whether it matched.</returns>
        public bool StripLeadingIfMatched(Regex pattern)
        {
            if (!RemoveLeading(pattern))
            {
                return false;
            }

            Tidy();
            return true;
        }

        private bool RemoveLeading(Regex pattern)
        {
            Match match = pattern.Match(Text);
            if (match.Success)
            {
                Rewrite(string.Concat(Text.AsSpan(0, match.Index), " ", Text.AsSpan(match.Index + match.Length)));
            }

            return match.Success;
        }
    }
}
