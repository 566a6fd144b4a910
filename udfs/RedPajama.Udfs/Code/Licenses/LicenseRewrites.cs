using System.Buffers;
using System.Globalization;
using System.Text;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// Licensee's costliest normalisation rewrites done by hand (list items, horizontal rules, Markdown headings, block
/// quotes, dashes, varietal spellings): as regular expressions they scan every position of a long text for a line
/// anchor or a word boundary. Each gives exactly what its Ruby pattern gives, line anchors, greedy runs and their
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

            int newline = text.IndexOf('\n', p);
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
    public static string MarkdownHeadings(string text) => ReplaceAtLineStarts(text, static (s, p) => MarkerRunEnd(s, p, '#'));

    /// <summary><c>gsub(/^\s*&gt;/, ' ')</c>: block-quote markers (and what whitespace precedes them) become a space.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The rewritten text (the same instance when nothing changes).</returns>
    public static string BlockQuotes(string text) => ReplaceAtLineStarts(text, static (s, p) =>
    {
        int q = SkipSpace(s, p);
        return q < s.Length && s[q] == '>' ? q + 1 : -1;
    });

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
            int end = matchEnd(text, p);
            int from = p;
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

    /// <summary>The end of <c>\s*[=\-*]{3,}\s*$</c> from line start <paramref name="p"/>, or −1.</summary>
    private static int HorizontalRuleEnd(string s, int p)
    {
        int q = SkipSpace(s, p);
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

    /// <summary>The end of <c>\s*</c> followed by a run of <paramref name="marker"/> from line start <paramref name="p"/>, or −1.</summary>
    private static int MarkerRunEnd(string s, int p, char marker)
    {
        int q = SkipSpace(s, p);
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
