using System.Globalization;
using System.Text;

namespace RedPajama.Udfs.Quality;

/// <summary>
/// Python 3 <c>str</c> semantics the upstream rules are written with, on code points: <c>isspace</c>, <c>isalpha</c>,
/// <c>isalnum</c>, <c>isdecimal</c>, <c>isdigit</c>, <c>isnumeric</c>, <c>isupper</c>, <c>islower</c>, <c>re</c>'s
/// <c>\w</c>, <c>\d</c> and <c>\s</c>, <c>strip()</c>, <c>splitlines()</c> and <c>lower()</c>. Every class and the
/// lower-case mapping come from a table generated from CPython itself (<see cref="PythonVersion"/>, Unicode
/// <see cref="UnicodeVersion"/>: RedPajama-V2 ran python:3.11.5, which has the same Unicode 14.0.0), so the results do
/// not depend on the Unicode version of the .NET runtime that runs them.
/// </summary>
public static class PythonText
{
    // Every character splitlines() breaks at (CR also as the start of CRLF).
    private static readonly System.Buffers.SearchValues<char> s_lineBreaks =
        System.Buffers.SearchValues.Create("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029");

    internal const ushort SpaceFlag = PythonCharacterTable.Space;
    internal const ushort WordFlag = PythonCharacterTable.Word;
    private const ushort AlphaFlag = PythonCharacterTable.Alpha;
    private const ushort UpperFlag = PythonCharacterTable.Upper;
    private const ushort LowerFlag = PythonCharacterTable.Lower;
    private const ushort NumericFlag = PythonCharacterTable.Numeric;
    private const ushort DecimalFlag = PythonCharacterTable.Decimal;
    private const ushort DigitFlag = PythonCharacterTable.Digit;
    private const ushort TitleFlag = PythonCharacterTable.Title;
    private const ushort CasedFlag = PythonCharacterTable.Cased;
    private const ushort CaseIgnorableFlag = PythonCharacterTable.CaseIgnorable;
    private const ushort LineBreakFlag = PythonCharacterTable.LineBreak;
    private const ushort LowerChangesFlag = PythonCharacterTable.LowerChanges;

    // Not Python properties; kept in the free high bits of the BMP copy for the hot loops.
    private const ushort AsciiPunctuationFlag = 0x4000;

    // The character may change or move under NFD (it decomposes, or it is a combining mark): a fast-path guard for
    // .NET's own normalizer, so it is taken from .NET's data, not Python's.
    private const ushort DecomposableFlag = 0x8000;

    // Flags of every BMP code point: the Python table plus the two bits above.
    private static readonly ushort[] s_bmp = BuildBmpTable();

    /// <summary>The Python version whose <c>str</c> methods and <c>re</c> the character table was generated from.</summary>
    public static string PythonVersion => PythonCharacterTable.PythonVersion;

    /// <summary>That Python's Unicode version (<c>unicodedata.unidata_version</c>), which every class here follows.</summary>
    public static string UnicodeVersion => PythonCharacterTable.UnicodeVersion;

    /// <summary>Python <c>str.isspace()</c> of one code point (also <c>re</c>'s <c>\s</c> and what <c>strip()</c> and <c>split()</c> remove).</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether Python counts it as whitespace.</returns>
    public static bool IsSpace(int codePoint) => (Flags(codePoint) & SpaceFlag) != 0;

    /// <summary>Whether a UTF-16 unit is Python whitespace (no surrogate is).</summary>
    /// <param name="c">A UTF-16 unit.</param>
    /// <returns>Whether Python counts it as whitespace.</returns>
    public static bool IsSpace(char c) => (s_bmp[c] & SpaceFlag) != 0;

    /// <summary>Python <c>re</c>'s <c>\w</c>: <c>isalnum()</c> or the underscore.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether <c>\w</c> matches it.</returns>
    public static bool IsWordChar(int codePoint) => (Flags(codePoint) & WordFlag) != 0;

    /// <summary>Python <c>str.isalpha()</c> of one code point.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is alphabetic.</returns>
    public static bool IsAlpha(int codePoint) => (Flags(codePoint) & AlphaFlag) != 0;

    /// <summary>Python <c>str.isalnum()</c> of one code point: alphabetic or numeric.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is alphanumeric.</returns>
    public static bool IsAlnum(int codePoint) => (Flags(codePoint) & (AlphaFlag | NumericFlag)) != 0;

    /// <summary>Python's upper-case property, as <c>c.isupper()</c> of one character.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is upper case.</returns>
    public static bool IsUpper(int codePoint) => (Flags(codePoint) & UpperFlag) != 0;

    /// <summary>Python's lower-case property, as <c>c.islower()</c> of one character.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is lower case.</returns>
    public static bool IsLower(int codePoint) => (Flags(codePoint) & LowerFlag) != 0;

    /// <summary>Whether a code point is cased (upper, lower or title case), as Python's final-sigma rule asks.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is cased.</returns>
    public static bool IsCased(int codePoint) => (Flags(codePoint) & CasedFlag) != 0;

    /// <summary>Python <c>str.isnumeric()</c> of one code point.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is numeric.</returns>
    public static bool IsNumeric(int codePoint) => (Flags(codePoint) & NumericFlag) != 0;

    /// <summary>Python <c>str.isdigit()</c> of one code point (decimal digits and others such as superscripts).</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is a digit.</returns>
    public static bool IsDigit(int codePoint) => (Flags(codePoint) & DigitFlag) != 0;

    /// <summary>Python <c>str.isdecimal()</c> of one code point, which is also <c>re</c>'s <c>\d</c>.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is a decimal digit.</returns>
    public static bool IsDecimalDigit(int codePoint) => (Flags(codePoint) & DecimalFlag) != 0;

    /// <summary>The flags of a code point: the BMP copy, or the table above it.</summary>
    internal static ushort Flags(int codePoint) => (uint)codePoint < 0x10000 ? s_bmp[codePoint] : PythonCharacterTable.Flags(codePoint);

    /// <summary>Whether a character is in Python's <c>string.punctuation</c> (the 32 ASCII punctuation characters).</summary>
    /// <param name="c">A UTF-16 unit.</param>
    /// <returns>Whether it is ASCII punctuation.</returns>
    public static bool IsAsciiPunctuation(char c) => (s_bmp[c] & AsciiPunctuationFlag) != 0;

    /// <summary>Python <c>str.isupper()</c> of a string: at least one cased character and no lower- or title-case one.</summary>
    /// <param name="text">The string.</param>
    /// <returns>The Python result.</returns>
    public static bool IsUpperString(ReadOnlySpan<char> text)
    {
        bool cased = false;
        for (int i = 0; i < text.Length;)
        {
            int codePoint = CodePointAt(text, i, out int width);
            i += width;
            ushort flags = Flags(codePoint);
            if ((flags & (LowerFlag | TitleFlag)) != 0)
            {
                return false;
            }

            cased |= (flags & UpperFlag) != 0;
        }

        return cased;
    }

    /// <summary>The code point at <paramref name="index"/>: a surrogate pair is one code point, a lone surrogate is itself (as in Python).</summary>
    /// <param name="text">The text.</param>
    /// <param name="index">Index of a UTF-16 unit.</param>
    /// <param name="width">1, or 2 for a surrogate pair.</param>
    /// <returns>The code point.</returns>
    public static int CodePointAt(ReadOnlySpan<char> text, int index, out int width)
    {
        char c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }

        width = 1;
        return c;
    }

    /// <summary>The code point that ends just before <paramref name="index"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="index">Index after the code point (greater than 0).</param>
    /// <returns>The code point.</returns>
    public static int CodePointBefore(ReadOnlySpan<char> text, int index)
    {
        char c = text[index - 1];
        if (char.IsLowSurrogate(c) && index >= 2 && char.IsHighSurrogate(text[index - 2]))
        {
            return char.ConvertToUtf32(text[index - 2], c);
        }

        return c;
    }

    /// <summary>Python <c>len()</c> of a string: code points, a surrogate pair counting once.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of code points.</returns>
    public static int CodePointCount(ReadOnlySpan<char> text)
    {
        int pairs = 0;
        for (int i = 1; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]))
            {
                pairs++;
                i++;
            }
        }

        return text.Length - pairs;
    }

    /// <summary>Python <c>str.strip()</c>: the span without leading and trailing Python whitespace.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The stripped span.</returns>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> text) => RightStrip(LeftStrip(text));

    /// <summary>Python <c>str.lstrip()</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The stripped span.</returns>
    public static ReadOnlySpan<char> LeftStrip(ReadOnlySpan<char> text)
    {
        int start = 0;
        while (start < text.Length && IsSpace(text[start]))
        {
            start++;
        }

        return text[start..];
    }

    /// <summary>Python <c>str.rstrip()</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The stripped span.</returns>
    public static ReadOnlySpan<char> RightStrip(ReadOnlySpan<char> text)
    {
        int end = text.Length;
        while (end > 0 && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    /// <summary>
    /// One line of Python's <c>str.splitlines()</c>: the line starting at <paramref name="start"/> ends at the returned
    /// index, and the next one starts at <paramref name="next"/> (after its break, which is 2 units for <c>\r\n</c>).
    /// Iterate while <c>start &lt; text.Length</c>: no empty last line follows a final break.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="start">Where the line starts.</param>
    /// <param name="next">Where the next line starts.</param>
    /// <returns>The end of the line, before its break.</returns>
    public static int LineEnd(ReadOnlySpan<char> text, int start, out int next)
    {
        int found = text[start..].IndexOfAny(s_lineBreaks);
        int end = found < 0 ? text.Length : start + found;
        next = found < 0 ? end : end + LineBreakLength(text, end);
        return end;
    }

    /// <summary>
    /// Length of the line break at <paramref name="index"/> as Python's <c>str.splitlines()</c> sees it: 2 for
    /// <c>\r\n</c>, 1 for <c>\n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029</c>, 0 otherwise.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="index">An index into it.</param>
    /// <returns>The break's length in UTF-16 units.</returns>
    public static int LineBreakLength(ReadOnlySpan<char> text, int index)
    {
        char c = text[index];
        if (c == '\r')
        {
            return index + 1 < text.Length && text[index + 1] == '\n' ? 2 : 1;
        }

        return (s_bmp[c] & LineBreakFlag) != 0 ? 1 : 0;
    }

    /// <summary>
    /// Python's <c>str.lower()</c>: each code point's full lower case from CPython's table (so <c>İ</c>, U+0130,
    /// becomes the two code points <c>i̇</c>), and the Greek capital sigma becomes the final <c>ς</c> after a cased
    /// letter and before no cased letter (case-ignorable characters skipped).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The lower-cased text.</returns>
    public static string Lower(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new CharBuffer();
        AppendLower(text, output);
        return new string(output.Span);
    }

    /// <summary>Appends <see cref="Lower(string)"/> of <paramref name="text"/> to <paramref name="output"/>.</summary>
    internal static void AppendLower(ReadOnlySpan<char> text, CharBuffer output)
    {
        if (System.Text.Ascii.IsValid(text))
        {
            System.Text.Ascii.ToLower(text, output.Reserve(text.Length), out _);
            return;
        }

        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            if (c < 128)
            {
                output.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
                i++;
                continue;
            }

            int codePoint = CodePointAt(text, i, out int width);
            AppendLowerCodePoint(text, i, width, codePoint, output, skipAsciiPunctuation: false);
            i += width;
        }
    }

    /// <summary>Lower-cases one non-ASCII code point at <paramref name="index"/> (see <see cref="Lower(string)"/>).</summary>
    /// <param name="text">The whole text, for the final-sigma context.</param>
    /// <param name="index">Index of the code point.</param>
    /// <param name="width">Its width in UTF-16 units.</param>
    /// <param name="codePoint">The code point.</param>
    /// <param name="output">Receives its lower case.</param>
    /// <param name="skipAsciiPunctuation">Whether the final-sigma context ignores ASCII punctuation (deleted first).</param>
    internal static void AppendLowerCodePoint(ReadOnlySpan<char> text, int index, int width, int codePoint, CharBuffer output, bool skipAsciiPunctuation)
    {
        if ((Flags(codePoint) & LowerChangesFlag) == 0)
        {
            output.Append(text.Slice(index, width));
        }
        else if (codePoint == 0x3A3)
        {
            output.Append(IsFinalSigma(text, index, skipAsciiPunctuation) ? '\u03C2' : '\u03C3');
        }
        else
        {
            // From the table, so İ (U+0130) becomes the two code points i̇.
            PythonCharacterTable.AppendLower(codePoint, output);
        }
    }

    /// <summary>
    /// Python's Final_Sigma condition for a capital sigma at <paramref name="index"/>: a cased letter before it and
    /// none after it, case-ignorable characters skipped (and ASCII punctuation, when the caller deletes it first).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="index">Index of the sigma.</param>
    /// <param name="skipAsciiPunctuation">Treat ASCII punctuation as absent, as after RedPajama-V2's punctuation removal.</param>
    /// <returns>Whether the sigma is final.</returns>
    internal static bool IsFinalSigma(ReadOnlySpan<char> text, int index, bool skipAsciiPunctuation)
    {
        bool casedBefore = false;
        for (int j = index; j > 0;)
        {
            int before = CodePointBefore(text, j);
            j -= before > 0xFFFF ? 2 : 1;
            if (!IsCaseIgnorable(before) && !(skipAsciiPunctuation && before < 128 && IsAsciiPunctuation((char)before)))
            {
                casedBefore = IsCased(before);
                break;
            }
        }

        if (!casedBefore)
        {
            return false;
        }

        for (int j = index + 1; j < text.Length;)
        {
            int after = CodePointAt(text, j, out int width);
            j += width;
            if (!IsCaseIgnorable(after) && !(skipAsciiPunctuation && after < 128 && IsAsciiPunctuation((char)after)))
            {
                return !IsCased(after);
            }
        }

        return true;
    }

    private static bool IsCaseIgnorable(int codePoint) => (Flags(codePoint) & CaseIgnorableFlag) != 0;

    /// <summary>
    /// Whether a UTF-16 unit can be changed or reordered by NFD: it has a canonical decomposition, is a combining mark
    /// or a surrogate (astral characters are not looked at). Text without such units is its own NFD.
    /// </summary>
    /// <param name="c">A UTF-16 unit.</param>
    /// <returns>True when NFD must look at it.</returns>
    public static bool MayChangeUnderNfd(char c) => (s_bmp[c] & DecomposableFlag) != 0;

    private static ushort[] BuildBmpTable()
    {
        ushort[] table = PythonCharacterTable.Bmp.ToArray();
        foreach (char c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
        {
            table[c] |= AsciiPunctuationFlag;
        }

        Span<char> one = stackalloc char[1];
        for (int codePoint = 0xC0; codePoint < table.Length; codePoint++)
        {
            char c = (char)codePoint;
            if (char.IsSurrogate(c) || c >= '\uFFFE')
            {
                table[codePoint] |= DecomposableFlag;
                continue;
            }

            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            one[0] = c;
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                || !new string(one).IsNormalized(NormalizationForm.FormD))
            {
                table[codePoint] |= DecomposableFlag;
            }
        }

        return table;
    }
}
