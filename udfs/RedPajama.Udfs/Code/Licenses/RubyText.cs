using System.Buffers;
using System.Text;

namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// The few Ruby <c>String</c> operations licensee's normalisation relies on, with Ruby's (not .NET's) meaning:
/// whitespace is ASCII (<c>\s</c> is <c>[ \t\n\v\f\r]</c>), <c>strip</c> also drops NUL, <c>squeeze(" ")</c> collapses
/// runs of spaces only, <c>downcase</c> is Ruby 3.1's full Unicode mapping, and a length counts code points.
/// </summary>
internal static class RubyText
{
    /// <summary>The character class of Ruby's <c>\s</c>, for the .NET patterns (whose <c>\s</c> is Unicode).</summary>
    public const string Space = @"[\t\n\v\f\r ]";

    /// <summary>The character class of Ruby's <c>\S</c>.</summary>
    public const string NonSpace = @"[^\t\n\v\f\r ]";

    /// <summary>Ruby's <c>\s</c>: space, tab, line feed, vertical tab, form feed, carriage return.</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it is Ruby whitespace.</returns>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>Ruby's ASCII <c>\w</c>: letters, digits and underscore.</summary>
    /// <param name="c">The character.</param>
    /// <returns>Whether it is a Ruby word character.</returns>
    public static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary><c>String#strip</c>: removes leading and trailing whitespace and NUL.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The stripped text (the same instance when nothing is removed).</returns>
    public static string Strip(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        ReadOnlySpan<char> stripped = s.AsSpan().Trim(StrippedCharacters);
        return stripped.Length == s.Length ? s : stripped.ToString();
    }

    /// <summary><c>squeeze(" ").strip</c>, the tail of licensee's <c>strip</c> step, in one pass.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The text with runs of spaces collapsed and its ends stripped.</returns>
    public static string SqueezeStrip(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        int doubled = s.IndexOf("  ", StringComparison.Ordinal);
        if (doubled < 0)
        {
            return Strip(s);
        }

        char[] buffer = ArrayPool<char>.Shared.Rent(s.Length);
        try
        {
            ReadOnlySpan<char> rest = s;
            int length = 0;
            while (doubled >= 0)
            {
                // Keep one space of the run, skip the others.
                rest[..(doubled + 1)].CopyTo(buffer.AsSpan(length));
                length += doubled + 1;
                rest = rest[(doubled + 1)..].TrimStart(' ');
                doubled = rest.IndexOf("  ", StringComparison.Ordinal);
            }

            rest.CopyTo(buffer.AsSpan(length));
            length += rest.Length;
            return Strip(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// <c>gsub(/\s+/, " ").squeeze(" ").strip</c>: every run of ASCII whitespace becomes one space, and the ends are
    /// stripped (NUL included).
    /// </summary>
    /// <param name="s">The text.</param>
    /// <returns>The collapsed text.</returns>
    public static string CollapseWhitespace(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        char[] buffer = ArrayPool<char>.Shared.Rent(s.Length);
        try
        {
            int length = 0;
            bool changed = false;
            bool inSpace = false;
            foreach (char c in s)
            {
                if (c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
                {
                    changed |= inSpace || c != ' ';
                    inSpace = true;
                    continue;
                }

                if (inSpace)
                {
                    buffer[length++] = ' ';
                    inSpace = false;
                }

                buffer[length++] = c;
            }

            if (inSpace)
            {
                buffer[length++] = ' ';
            }

            return changed ? Strip(buffer.AsSpan(0, length)) : Strip(s);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// <c>String#downcase</c> of Ruby 3.1: every code point through <see cref="RubyDowncaseTable"/>, and U+0130 (capital I
    /// with dot above) to <c>i</c> followed by U+0307, the one mapping that changes the length.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <returns>The lower-cased text (the same instance when nothing changes).</returns>
    public static string Downcase(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (Ascii.IsValid(s))
        {
            return s.AsSpan().IndexOfAnyInRange('A', 'Z') < 0
                ? s
                : string.Create(s.Length, s, static (span, source) => Ascii.ToLower(source, span, out _));
        }

        var builder = new StringBuilder(s.Length + 8);
        bool changed = false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c < 0x80)
            {
                if (char.IsAsciiLetterUpper(c))
                {
                    c = (char)(c + 32);
                    changed = true;
                }

                builder.Append(c);
                continue;
            }

            int codePoint = c;
            int width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, s[i + 1]);
                width = 2;
            }

            if (codePoint == 0x130)
            {
                builder.Append('i').Append('\u0307');
                changed = true;
            }
            else
            {
                int lower = LowerCodePoint(codePoint);
                if (lower != codePoint)
                {
                    changed = true;
                }

                if (lower < 0x10000)
                {
                    builder.Append((char)lower);
                }
                else
                {
                    builder.Append(char.ConvertFromUtf32(lower));
                }
            }

            i += width - 1;
        }

        return changed ? builder.ToString() : s;
    }

    /// <summary>Ruby's <c>String#length</c>: the number of code points (a surrogate pair counts once).</summary>
    /// <param name="s">The text.</param>
    /// <returns>The number of code points.</returns>
    public static int CodePointLength(string s)
    {
        int length = s.Length;
        for (int i = 0; i + 1 < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }

    /// <summary>
    /// <c>encode(universal_newline: true)</c>, which licensee applies to every file it reads: CR LF and lone CR become LF.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <returns>The text with LF line ends (the same instance when it has no CR).</returns>
    public static string UniversalNewline(string s)
    {
        int cr = s.IndexOf('\r', StringComparison.Ordinal);
        if (cr < 0)
        {
            return s;
        }

        var builder = new StringBuilder(s.Length);
        builder.Append(s, 0, cr);
        for (int i = cr; i < s.Length; i++)
        {
            char c = s[i];
            if (c != '\r')
            {
                builder.Append(c);
                continue;
            }

            builder.Append('\n');
            if (i + 1 < s.Length && s[i + 1] == '\n')
            {
                i++;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Licensee's reading of a file's bytes: UTF-8, and when they are not valid UTF-8 the invalid bytes are dropped
    /// (<c>encode(invalid: :replace, replace: "")</c>); a byte-order mark stays.
    /// </summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <returns>The text.</returns>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes) => DroppingUtf8.GetString(bytes);

    private const string StrippedCharacters = "\0\t\n\v\f\r ";

    private static readonly Encoding DroppingUtf8 =
        Encoding.GetEncoding(Encoding.UTF8.CodePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback(string.Empty));

    private static string Strip(ReadOnlySpan<char> s) => s.Trim(StrippedCharacters).ToString();

    private static int LowerCodePoint(int codePoint)
    {
        ReadOnlySpan<int> runs = RubyDowncaseTable.Runs;
        int low = 0;
        int high = (runs.Length / 4) - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            int first = runs[middle * 4];
            if (codePoint < first)
            {
                high = middle - 1;
                continue;
            }

            int count = runs[(middle * 4) + 1];
            int stride = runs[(middle * 4) + 2];
            int last = first + ((count - 1) * stride);
            if (codePoint > last)
            {
                low = middle + 1;
                continue;
            }

            return (codePoint - first) % stride == 0 ? codePoint + runs[(middle * 4) + 3] : codePoint;
        }

        return codePoint;
    }
}
