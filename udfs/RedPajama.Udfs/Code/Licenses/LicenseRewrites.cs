using System.Buffers;
using System.Globalization;
using System.Text;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// Licensee's costliest normalisation rewrites done by hand (list items, horizontal rules, Markdown headings, block
/// quotes, links, bullets, dashes, varietal spellings, the end-of-terms cut): as regular expressions they scan every position
/// of a long text for a line anchor or a word boundary, and a leading <c>\s*</c> makes them quadratic in a run of blank
/// lines. Each gives exactly what its Ruby pattern gives, line anchors, greedy runs and their
/// backtracking included (checked against the patterns on the corpus and on random text built from the characters
/// that matter).
/// </summary>
internal static class LicenseRewrites
{
    private static readonly SearchValues<char> DashCharacters = SearchValues.Create("—–-");

    /// <summary>Licensee's <c>VARIETAL_WORDS</c>: legally equivalent spellings and the one they are compared as.</summary>
    private static readonly (string Variant, string Replacement)[] Spellings =
    [
        ("acknowledgment", "acknowledgement"),
        ("analogue", "analog"),
        ("analyse", "analyze"),
        ("artefact", "artifact"),
        ("authorisation", "authorization"),
        ("authorised", "authorized"),
        ("calibre", "caliber"),
        ("cancelled", "canceled"),
        ("capitalisations", "capitalizations"),
        ("catalogue", "catalog"),
        ("categorise", "categorize"),
        ("centre", "center"),
        ("emphasised", "emphasized"),
        ("favour", "favor"),
        ("favourite", "favorite"),
        ("fulfil", "fulfill"),
        ("fulfilment", "fulfillment"),
        ("initialise", "initialize"),
        ("judgment", "judgement"),
        ("labelling", "labeling"),
        ("labour", "labor"),
        ("licence", "license"),
        ("maximise", "maximize"),
        ("modelled", "modeled"),
        ("modelling", "modeling"),
        ("offence", "offense"),
        ("optimise", "optimize"),
        ("organisation", "organization"),
        ("organise", "organize"),
        ("practise", "practice"),
        ("programme", "program"),
        ("realise", "realize"),
        ("recognise", "recognize"),
        ("signalling", "signaling"),
        ("sub-license", "sublicense"),
        ("sub license", "sublicense"),
        ("utilisation", "utilization"),
        ("whilst", "while"),
        ("wilful", "wilfull"),
        ("non-commercial", "noncommercial"),
        ("cent", "percent"),
        ("owner", "holder"),
    ];

    private static readonly LicenseVocabulary SpellingIndex = IndexSpellings();

    /// <summary>Per first letter, a bit per length (below 16) of the spellings' first words: most words need no lookup.</summary>
    private static readonly int[] SpellingShapes = ShapeSpellings();

    /// <summary>
    /// <c>gsub(/^\s*(?:\d\.|\*)\s+([^\n])/, '- \1')</c>: a list item (<c>1.</c> or <c>*</c>) becomes <c>- </c>. The match
    /// starts at a line start and its whitespace may run over blank lines, which go with it.
    /// </summary>
    /// <param name="text">The lower-cased text.</param>
    /// <returns>The rewritten text (the same instance when nothing changes).</returns>
    public static string ListItems(string text)
    {
        StringBuilder? rewritten = null;
        int copied = 0;
        int n = text.Length;
        int p = 0;
        while (p < n)
        {
            int q = p;
            while (q < n && RubyText.IsSpace(text[q]))
            {
                q++;
            }

            int afterMarker = -1;
            if (q < n && text[q] == '*')
            {
                afterMarker = q + 1;
            }
            else if (q + 1 < n && char.IsAsciiDigit(text[q]) && text[q + 1] == '.')
            {
                afterMarker = q + 2;
            }

            int kept = afterMarker < 0 ? -1 : KeptCharacter(text, afterMarker);
            if (kept >= 0)
            {
                rewritten ??= new StringBuilder(n);
                rewritten.Append(text, copied, p - copied).Append("- ").Append(text[kept]);
                copied = kept + 1;
                int next = text.IndexOf('\n', copied);
                if (next < 0)
                {
                    break;
                }

                p = next + 1;
                continue;
            }

            // Every line start inside the whitespace before q reaches q too, and fails the same way.
            int newline = text.IndexOf('\n', q);
            if (newline < 0)
            {
                break;
            }

            p = newline + 1;
        }

        return rewritten is null ? text : rewritten.Append(text, copied, n - copied).ToString();
    }

    /// <summary>
    /// <c>gsub(/^\s*[=\-*]{3,}\s*$/, ' ')</c>: horizontal rules (a line of three or more <c>=</c>, <c>-</c>, <c>*</c>)
    /// become a space. The leading whitespace may run over blank lines, and the trailing whitespace reaches the last
    /// line feed of the blank lines after the rule (or the end of the text).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The rewritten text (the same instance when nothing changes).</returns>
    public static string HorizontalRules(string text) => ReplaceAtLineStarts(text, HorizontalRuleEnd);

    /// <summary><c>gsub(/^\s*#+/, ' ')</c>: the hashes of Markdown headings (and what whitespace precedes them) become a space.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The rewritten text (the same instance when nothing changes).</returns>
    public static string MarkdownHeadings(string text) => ReplaceAtLineStarts(text, static (s, q) => MarkerRunEnd(s, q, '#'));

    /// <summary><c>gsub(/^\s*&gt;/, ' ')</c>: block-quote markers (and what whitespace precedes them) become a space.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The rewritten text (the same instance when nothing changes).</returns>
    public static string BlockQuotes(string text) => ReplaceAtLineStarts(text, static (s, q) => q < s.Length && s[q] == '>' ? q + 1 : -1);

    /// <summary>
    /// <c>gsub(/\[(.+?)\]\(.+?\)/, '\1')</c>: a Markdown link <c>[text](target)</c> becomes its text. Both parts stay on
    /// one line and are not empty; the text runs to the first <c>](</c>, the target to the first <c>)</c> after at
    /// least one character. (As a regular expression this is cubic on a long line of unclosed links.)
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The rewritten text (the same instance when nothing changes).</returns>
    public static string LinkMarkup(string text)
    {
        int i = text.IndexOf('[', StringComparison.Ordinal);
        if (i < 0 || !text.Contains("](", StringComparison.Ordinal))
        {
            return text;
        }

        StringBuilder? rewritten = null;
        int copied = 0;
        int lineEnd = -1;
        int close = -1;
        int paren = -1;
        while (i >= 0)
        {
            if (lineEnd < i)
            {
                lineEnd = text.IndexOf('\n', i);
                if (lineEnd < 0)
                {
                    lineEnd = text.Length;
                }
            }

            // The first "](" at i + 2 or later, and the first ")" at least one character after it, on this line.
            if (close < i + 2)
            {
                close = i + 2 < text.Length ? text.IndexOf("](", i + 2, StringComparison.Ordinal) : -1;
                if (close < 0)
                {
                    close = int.MaxValue;
                }
            }

            if (close < lineEnd && paren < close + 3)
            {
                paren = close + 3 < text.Length ? text.IndexOf(')', close + 3) : -1;
                if (paren < 0)
                {
                    paren = int.MaxValue;
                }
            }

            if (close < lineEnd && paren < lineEnd)
            {
                rewritten ??= new StringBuilder(text.Length);
                rewritten.Append(text, copied, i - copied).Append(text, i + 1, close - i - 1);
                copied = paren + 1;
                i = text.IndexOf('[', copied);
                continue;
            }

            i = text.IndexOf('[', i + 1);
        }

        return rewritten is null ? text : rewritten.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// <c>gsub(/\n\n\s*(?:[*-]|\(?[\da-z]{1,2}[).])\s+/i, "\n\n- ")</c>: after a blank line, a bullet (<c>*</c>,
    /// <c>-</c>, <c>1.</c>, <c>(a)</c>, <c>ii)</c>, …) and the whitespace after it become <c>- </c>.
    /// </summary>
    /// <param name="text">The lower-cased text.</param>
    /// <returns>The rewritten text (the same instance when nothing changes).</returns>
    public static string Bullets(string text)
    {
        int i = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (i < 0)
        {
            return text;
        }

        StringBuilder? rewritten = null;
        int copied = 0;
        while (i >= 0)
        {
            int q = SkipSpace(text, i + 2);
            int marker = BulletEnd(text, q);
            int end = marker < 0 ? -1 : SkipSpace(text, marker);
            if (end > marker && marker >= 0)
            {
                rewritten ??= new StringBuilder(text.Length);
                rewritten.Append(text, copied, i - copied).Append("\n\n- ");
                copied = end;
                i = text.IndexOf("\n\n", end, StringComparison.Ordinal);
                continue;
            }

            // Every blank line inside the whitespace before q reaches q too, and fails the same way.
            i = q >= text.Length ? -1 : text.IndexOf("\n\n", q, StringComparison.Ordinal);
        }

        return rewritten is null ? text : rewritten.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Where <c>/^[\s#*_]*end of (the )?terms and conditions[\s#*_]*$/i</c> first matches in the lower-cased text (what
    /// licensee's <c>strip_end_of_terms</c> cuts at), or −1.
    /// </summary>
    /// <param name="text">The lower-cased text.</param>
    /// <returns>The start of the match, or −1.</returns>
    public static int EndOfTerms(string text)
    {
        if (!text.Contains("end of ", StringComparison.Ordinal))
        {
            return -1;
        }

        int p = 0;
        while (p < text.Length)
        {
            int q = SkipTermsFrame(text, p);
            int end = TermsPhraseEnd(text, q);
            if (end >= 0)
            {
                int w = SkipTermsFrame(text, end);
                if (w == text.Length || text.AsSpan(end, w - end).Contains('\n'))
                {
                    return p;
                }
            }

            // Every line start inside the frame before q reaches q too, and fails the same way.
            int newline = text.IndexOf('\n', q);
            if (newline < 0)
            {
                break;
            }

            p = newline + 1;
        }

        return -1;
    }

    /// <summary>
    /// <c>gsub(/(?&lt;!^)([—–-]+)(?!$)/, '-')</c>: inside a line, a run of hyphens and dashes becomes one hyphen; a run
    /// that starts a line keeps its first character, and one that ends a line its last.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The rewritten text (the same instance when nothing changes).</returns>
    public static string Dashes(string text)
    {
        int first = text.AsSpan().IndexOfAny(DashCharacters);
        if (first < 0)
        {
            return text;
        }

        StringBuilder? rewritten = null;
        int copied = 0;
        int n = text.Length;
        int a = first;
        while (a < n)
        {
            int b = a + 1;
            while (b < n && DashCharacters.Contains(text[b]))
            {
                b++;
            }

            int start = a == 0 || text[a - 1] == '\n' ? a + 1 : a;
            int end = b == n || text[b] == '\n' ? b - 1 : b;
            if (end > start && (end - start > 1 || text[start] != '-'))
            {
                rewritten ??= new StringBuilder(n);
                rewritten.Append(text, copied, start - copied).Append('-');
                copied = end;
            }

            int next = text.AsSpan(b).IndexOfAny(DashCharacters);
            if (next < 0)
            {
                break;
            }

            a = b + next;
        }

        return rewritten is null ? text : rewritten.Append(text, copied, n - copied).ToString();
    }

    /// <summary>
    /// <c>gsub(/\b(?:acknowledgment|analogue|…|owner)\b/, VARIETAL_WORDS)</c>: British and variant spellings, as whole
    /// words, become the American ones (<c>licence</c> → <c>license</c>, <c>sub-license</c> → <c>sublicense</c>, also
    /// <c>cent</c> → <c>percent</c> and <c>owner</c> → <c>holder</c>). Word boundaries are Unicode's, as in Ruby.
    /// </summary>
    /// <param name="text">The lower-cased text.</param>
    /// <returns>The rewritten text (the same instance when nothing changes).</returns>
    public static string VarietalWords(string text)
    {
        StringBuilder? rewritten = null;
        int copied = 0;
        int n = text.Length;
        int i = 0;
        while (i < n)
        {
            if (!char.IsAsciiLetterLower(text[i]))
            {
                i++;
                continue;
            }

            int j = i + 1;
            while (j < n && char.IsAsciiLetterLower(text[j]))
            {
                j++;
            }

            int length = j - i;
            bool candidate = length < 16 && (SpellingShapes[text[i] - 'a'] & (1 << length)) != 0;
            if (candidate && !IsWordBefore(text, i) && !IsWordAt(text, j))
            {
                ReadOnlySpan<char> word = text.AsSpan(i, length);
                string? replacement = null;
                int end = j;
                if (j + 1 < n && text[j] is '-' or ' ' && (word.SequenceEqual("sub") || (word.SequenceEqual("non") && text[j] == '-')))
                {
                    string tail = word.SequenceEqual("sub") ? "license" : "commercial";
                    int k = j + 1 + tail.Length;
                    if (k <= n && text.AsSpan(j + 1, tail.Length).SequenceEqual(tail) && !IsWordAt(text, k))
                    {
                        replacement = word.SequenceEqual("sub") ? "sublicense" : "noncommercial";
                        end = k;
                    }
                }

                if (replacement is null && SpellingIndex.Find(word) is >= 0 and var id)
                {
                    replacement = Spellings[id].Replacement;
                }

                if (replacement is not null)
                {
                    rewritten ??= new StringBuilder(n + 16);
                    rewritten.Append(text, copied, i - copied).Append(replacement);
                    copied = end;
                    i = end;
                    continue;
                }
            }

            i = j;
        }

        return rewritten is null ? text : rewritten.Append(text, copied, n - copied).ToString();
    }

    /// <summary>
    /// Replaces, by one space each, the matches a line-anchored pattern finds scanning left to right: a match may only
    /// start at a line start (as <c>^</c>, not after a final line feed), and scanning goes on from its end.
    /// </summary>
    private static string ReplaceAtLineStarts(string text, Func<string, int, int> matchEnd)
    {
        StringBuilder? rewritten = null;
        int copied = 0;
        int p = 0;
        while (p < text.Length)
        {
            // The pattern's leading \s* is greedy and gives nothing back that could help: what follows it decides,
            // and every line start inside this whitespace reaches the same character, so a failure skips them all.
            int q = SkipSpace(text, p);
            int end = matchEnd(text, q);
            int from = q;
            if (end >= 0)
            {
                rewritten ??= new StringBuilder(text.Length);
                rewritten.Append(text, copied, p - copied).Append(' ');
                copied = end;
                from = end;

                // A match that ends where a line starts (after blank lines) leaves that line start to the next match.
                if (end > 0 && end < text.Length && text[end - 1] == '\n')
                {
                    p = end;
                    continue;
                }
            }

            int newline = text.IndexOf('\n', from);
            if (newline < 0)
            {
                break;
            }

            p = newline + 1;
        }

        return rewritten is null ? text : rewritten.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>The end of <c>[=\-*]{3,}\s*$</c> from <paramref name="q"/> (after a line start's whitespace), or −1.</summary>
    private static int HorizontalRuleEnd(string s, int q)
    {
        int r = q;
        while (r < s.Length && s[r] is '=' or '-' or '*')
        {
            r++;
        }

        if (r - q < 3)
        {
            return -1;
        }

        int w = SkipSpace(s, r);
        if (w == s.Length)
        {
            return w;
        }

        int lastNewline = s.LastIndexOf('\n', w - 1, w - r);
        return lastNewline;
    }

    /// <summary>The end of a run of <paramref name="marker"/> from <paramref name="q"/> (after a line start's whitespace), or −1.</summary>
    private static int MarkerRunEnd(string s, int q, char marker)
    {
        if (q >= s.Length || s[q] != marker)
        {
            return -1;
        }

        while (q < s.Length && s[q] == marker)
        {
            q++;
        }

        return q;
    }

    /// <summary>
    /// The end of <c>[*-]</c> or <c>\(?[\da-z]{1,2}[).]</c> (case-insensitive, so also <c>ſ</c> and the Kelvin sign, as
    /// in Ruby) at <paramref name="q"/>, or −1.
    /// </summary>
    private static int BulletEnd(string s, int q)
    {
        if (q >= s.Length)
        {
            return -1;
        }

        if (s[q] is '*' or '-')
        {
            return q + 1;
        }

        int j = s[q] == '(' ? q + 1 : q;
        int letters = 0;
        while (letters < 2 && j + letters < s.Length && IsBulletLetter(s[j + letters]))
        {
            letters++;
        }

        int close = j + letters;
        return letters > 0 && close < s.Length && s[close] is ')' or '.' ? close + 1 : -1;
    }

    private static bool IsBulletLetter(char c) => char.IsAsciiLetterOrDigit(c) || c is '\u017F' or '\u212A';

    /// <summary>The end of <c>end of (the )?terms and conditions</c> at <paramref name="q"/>, or −1.</summary>
    private static int TermsPhraseEnd(string s, int q)
    {
        ReadOnlySpan<char> rest = s.AsSpan(q);
        if (!rest.StartsWith("end of ", StringComparison.Ordinal))
        {
            return -1;
        }

        int at = "end of ".Length;
        if (rest[at..].StartsWith("the ", StringComparison.Ordinal))
        {
            at += "the ".Length;
        }

        return rest[at..].StartsWith("terms and conditions", StringComparison.Ordinal) ? q + at + "terms and conditions".Length : -1;
    }

    /// <summary>Skips <c>[\s#*_]</c>.</summary>
    private static int SkipTermsFrame(string s, int i)
    {
        while (i < s.Length && (RubyText.IsSpace(s[i]) || s[i] is '#' or '*' or '_'))
        {
            i++;
        }

        return i;
    }

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length && RubyText.IsSpace(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Where the <c>\s+([^\n])</c> after a list marker ends: the first non-space character after the spaces, or, when
    /// the spaces run to the end of the text, the last of them that is no line feed (not the first: <c>\s+</c> keeps
    /// one); −1 when there is no space or no such character.
    /// </summary>
    private static int KeptCharacter(string text, int afterMarker)
    {
        int b = afterMarker;
        while (b < text.Length && RubyText.IsSpace(text[b]))
        {
            b++;
        }

        if (b == afterMarker)
        {
            return -1;
        }

        if (b < text.Length)
        {
            return b;
        }

        for (int k = b - 1; k > afterMarker; k--)
        {
            if (text[k] != '\n')
            {
                return k;
            }
        }

        return -1;
    }

    private static int[] ShapeSpellings()
    {
        var shapes = new int[26];
        foreach ((string variant, _) in Spellings)
        {
            int firstWord = variant.AsSpan().IndexOfAny('-', ' ');
            shapes[variant[0] - 'a'] |= 1 << (firstWord < 0 ? variant.Length : firstWord);
        }

        return shapes;
    }

    private static LicenseVocabulary IndexSpellings()
    {
        var index = new LicenseVocabulary();
        foreach ((string variant, _) in Spellings)
        {
            index.Add(variant);
        }

        return index;
    }

    /// <summary>Whether the character before <paramref name="index"/> is a word character (for <c>\b</c>).</summary>
    private static bool IsWordBefore(string text, int index)
    {
        if (index == 0)
        {
            return false;
        }

        char c = text[index - 1];
        if (char.IsLowSurrogate(c) && index >= 2 && char.IsHighSurrogate(text[index - 2]))
        {
            return IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[index - 2], c)));
        }

        return IsWordCharacter(c);
    }

    /// <summary>Whether the character at <paramref name="index"/> is a word character (false at the end).</summary>
    private static bool IsWordAt(string text, int index)
    {
        if (index >= text.Length)
        {
            return false;
        }

        char c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            return IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[index + 1])));
        }

        return IsWordCharacter(c);
    }

    /// <summary>A word character for Ruby's Unicode <c>\b</c>: letters, marks, decimal digits, letter numbers, connector punctuation, ZWNJ and ZWJ.</summary>
    private static bool IsWordCharacter(char c) =>
        c < 0x80 ? char.IsAsciiLetterOrDigit(c) || c == '_' : c is '\u200C' or '\u200D' || IsWordCategory(CharUnicodeInfo.GetUnicodeCategory(c));

    private static bool IsWordCategory(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.ConnectorPunctuation;
}
