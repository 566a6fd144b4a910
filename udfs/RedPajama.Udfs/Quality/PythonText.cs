using System.Globalization;
using System.Text;

namespace RedPajama.Udfs.Quality;

/// <summary>
/// Python 3 <c>str</c> semantics the quality signals are defined with, on code points: <c>isspace</c>,
/// <c>isalpha</c>, <c>isupper</c>, <c>islower</c>, <c>isnumeric</c>, the <c>re</c> module's <c>\w</c>, and
/// <c>lower()</c>. Each is the Unicode general category rule plus the exceptions CPython's tables add, listed
/// here from <c>unicodedata</c> 14.0 (Python 3.11): .NET's own <see cref="char.IsWhiteSpace(char)"/> or
/// <see cref="char.IsUpper(char)"/> differ on exactly those characters.
/// </summary>
public static class PythonText
{
    internal const byte SpaceFlag = 1;
    internal const byte WordFlag = 2;
    private const byte AlphaFlag = 4;
    private const byte UpperFlag = 8;
    private const byte LowerFlag = 16;
    private const byte NumericFlag = 32;
    private const byte AsciiPunctuationFlag = 64;

    // Not a Python property: the character may change or move under NFD (it decomposes, or it is a combining mark).
    private const byte DecomposableFlag = 128;

    private static readonly byte[] s_ascii = BuildAsciiTable();

    // Other_Uppercase: letter-like symbols Python counts as upper case.
    private static readonly (int First, int Last)[] s_otherUpper =
        [(0x2160, 0x216F), (0x24B6, 0x24CF), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189)];

    // Other_Lowercase: modifier letters and symbols Python counts as lower case.
    private static readonly (int First, int Last)[] s_otherLower =
    [
        (0xAA, 0xAA), (0xBA, 0xBA), (0x2B0, 0x2B8), (0x2C0, 0x2C1), (0x2E0, 0x2E4), (0x345, 0x345), (0x37A, 0x37A),
        (0x1D2C, 0x1D6A), (0x1D78, 0x1D78), (0x1D9B, 0x1DBF), (0x2071, 0x2071), (0x207F, 0x207F), (0x2090, 0x209C),
        (0x2170, 0x217F), (0x24D0, 0x24E9), (0x2C7C, 0x2C7D), (0xA69C, 0xA69D), (0xA770, 0xA770), (0xA7F8, 0xA7F9),
        (0xAB5C, 0xAB5F), (0x10780, 0x10780), (0x10783, 0x10785), (0x10787, 0x107B0), (0x107B2, 0x107BA),
    ];

    // CJK ideographs (category Lo) with a Unihan numeric value: Python's isnumeric() is true for them.
    private static readonly int[] s_numericIdeographs =
    [
        0x3405, 0x3483, 0x382A, 0x3B4D, 0x4E00, 0x4E03, 0x4E07, 0x4E09, 0x4E5D, 0x4E8C, 0x4E94, 0x4E96, 0x4EBF, 0x4EC0,
        0x4EDF, 0x4EE8, 0x4F0D, 0x4F70, 0x5104, 0x5146, 0x5169, 0x516B, 0x516D, 0x5341, 0x5343, 0x5344, 0x5345, 0x534C,
        0x53C1, 0x53C2, 0x53C3, 0x53C4, 0x56DB, 0x58F1, 0x58F9, 0x5E7A, 0x5EFE, 0x5EFF, 0x5F0C, 0x5F0D, 0x5F0E, 0x5F10,
        0x62FE, 0x634C, 0x67D2, 0x6F06, 0x7396, 0x767E, 0x8086, 0x842C, 0x8CAE, 0x8CB3, 0x8D30, 0x9621, 0x9646, 0x964C,
        0x9678, 0x96F6, 0xF96B, 0xF973, 0xF978, 0xF9B2, 0xF9D1, 0xF9D3, 0xF9FD, 0x20001, 0x20064, 0x200E2, 0x20121,
        0x2092A, 0x20983, 0x2098C, 0x2099C, 0x20AEA, 0x20AFD, 0x20B19, 0x22390, 0x22998, 0x23B1B, 0x2626D, 0x2F890,
    ];

    // Built after the tables above (static initializers run in textual order): flags of every BMP code point.
    private static readonly byte[] s_bmp = BuildBmpTable();

    /// <summary>Python <c>str.isspace()</c> of one code point: category Zs, the C0 separators and line breaks.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether Python counts it as whitespace.</returns>
    public static bool IsSpace(int codePoint) => (Flags(codePoint) & SpaceFlag) != 0;

    /// <summary>Whether a UTF-16 unit is Python whitespace (no surrogate is).</summary>
    /// <param name="c">A UTF-16 unit.</param>
    /// <returns>Whether Python counts it as whitespace.</returns>
    public static bool IsSpace(char c) => (s_bmp[c] & SpaceFlag) != 0;

    /// <summary>Python <c>re</c>'s <c>\w</c>: letters, numbers (Nd, Nl, No) and the underscore; not marks.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether <c>\w</c> matches it.</returns>
    public static bool IsWordChar(int codePoint) => (Flags(codePoint) & WordFlag) != 0;

    /// <summary>Python <c>str.isalpha()</c> of one code point: categories Lu, Ll, Lt, Lm, Lo.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is alphabetic.</returns>
    public static bool IsAlpha(int codePoint) => (Flags(codePoint) & AlphaFlag) != 0;

    /// <summary>Python's upper-case property (Lu and Other_Uppercase), as <c>c.isupper()</c> of one character.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is upper case.</returns>
    public static bool IsUpper(int codePoint) => (Flags(codePoint) & UpperFlag) != 0;

    /// <summary>Python's lower-case property (Ll and Other_Lowercase).</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is lower case.</returns>
    public static bool IsLower(int codePoint) => (Flags(codePoint) & LowerFlag) != 0;

    /// <summary>Whether a code point is cased (upper, lower or title case), as Python's final-sigma rule asks.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is cased.</returns>
    public static bool IsCased(int codePoint) =>
        IsUpper(codePoint) || IsLower(codePoint) || (codePoint >= 128 && !IsSurrogate(codePoint) && Category(codePoint) == UnicodeCategory.TitlecaseLetter);

    /// <summary>Python <c>str.isnumeric()</c> of one code point: categories Nd, Nl, No and the numeric CJK ideographs.</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is numeric.</returns>
    public static bool IsNumeric(int codePoint) => (Flags(codePoint) & NumericFlag) != 0;

    /// <summary>The property flags of a code point: a table read for the BMP, the category rules above it.</summary>
    internal static byte Flags(int codePoint) => (uint)codePoint < 0x10000 ? s_bmp[codePoint] : ComputeFlags(codePoint);

    /// <summary>The flags from general categories plus CPython's exceptions; surrogates have none.</summary>
    private static byte ComputeFlags(int codePoint)
    {
        if (codePoint < 128)
        {
            return s_ascii[codePoint];
        }

        if (IsSurrogate(codePoint) || codePoint > 0x10FFFF)
        {
            return 0;
        }

        UnicodeCategory category = Category(codePoint);
        byte flags = 0;
        if (codePoint is 0x85 or 0x2028 or 0x2029 || category == UnicodeCategory.SpaceSeparator)
        {
            flags |= SpaceFlag;
        }

        bool letter = category <= UnicodeCategory.OtherLetter;
        bool number = category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
        if (letter || number)
        {
            flags |= WordFlag;
        }

        if (letter)
        {
            flags |= AlphaFlag;
        }

        if (category == UnicodeCategory.UppercaseLetter || InRanges(codePoint, s_otherUpper))
        {
            flags |= UpperFlag;
        }

        if (category == UnicodeCategory.LowercaseLetter || InRanges(codePoint, s_otherLower))
        {
            flags |= LowerFlag;
        }

        if (number || (category == UnicodeCategory.OtherLetter && Array.BinarySearch(s_numericIdeographs, codePoint) >= 0))
        {
            flags |= NumericFlag;
        }

        return flags;
    }

    /// <summary>Whether a code point is a decimal digit (Python <c>re</c>'s <c>\d</c>, category Nd).</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Whether it is a decimal digit.</returns>
    public static bool IsDecimalDigit(int codePoint) =>
        codePoint < 128 ? codePoint is >= '0' and <= '9' : !IsSurrogate(codePoint) && Category(codePoint) == UnicodeCategory.DecimalDigitNumber;

    /// <summary>Whether a character is in Python's <c>string.punctuation</c> (the 32 ASCII punctuation characters).</summary>
    /// <param name="c">A UTF-16 unit.</param>
    /// <returns>Whether it is ASCII punctuation.</returns>
    public static bool IsAsciiPunctuation(char c) => c < 128 && (s_ascii[c] & AsciiPunctuationFlag) != 0;

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
            if (IsLower(codePoint) || (codePoint >= 128 && !IsSurrogate(codePoint) && Category(codePoint) == UnicodeCategory.TitlecaseLetter))
            {
                return false;
            }

            cased |= IsUpper(codePoint);
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

        return c is '\n' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029' ? 1 : 0;
    }

    /// <summary>
    /// Python's <c>str.lower()</c>: simple lower-case mapping per code point, except <c>İ</c> (U+0130), which becomes
    /// <c>i̇</c>, and the Greek capital sigma, which becomes the final <c>ς</c> after a cased letter and before no
    /// cased letter (case-ignorable characters skipped).
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
        if (codePoint == 0x130)
        {
            output.Append('i');
            output.Append('\u0307');
        }
        else if (codePoint == 0x3A3)
        {
            output.Append(IsFinalSigma(text, index, skipAsciiPunctuation) ? '\u03C2' : '\u03C3');
        }
        else if (width == 2)
        {
            Rune lower = Rune.ToLowerInvariant(new Rune(codePoint));
            Span<char> buffer = stackalloc char[2];
            output.Append(buffer[..lower.EncodeToUtf16(buffer)]);
        }
        else
        {
            output.Append(IsSurrogate(codePoint) ? (char)codePoint : char.ToLowerInvariant((char)codePoint));
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

    private static bool IsCaseIgnorable(int codePoint)
    {
        if (codePoint is '\'' or '.' or ':' or '^' or '`' or 0xB7 or 0x387 or 0x2018 or 0x2019 or 0x2024 or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A)
        {
            return true;
        }

        if (codePoint < 128 || IsSurrogate(codePoint))
        {
            return false;
        }

        return Category(codePoint) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
    }

    private static bool IsSurrogate(int codePoint) => codePoint is >= 0xD800 and <= 0xDFFF;

    private static UnicodeCategory Category(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint);

    private static bool InRanges(int codePoint, (int First, int Last)[] ranges)
    {
        foreach ((int first, int last) in ranges)
        {
            if (codePoint < first)
            {
                return false;
            }

            if (codePoint <= last)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a UTF-16 unit can be changed or reordered by NFD: it has a canonical decomposition, is a combining mark
    /// or a surrogate (astral characters are not looked at). Text without such units is its own NFD.
    /// </summary>
    /// <param name="c">A UTF-16 unit.</param>
    /// <returns>True when NFD must look at it.</returns>
    public static bool MayChangeUnderNfd(char c) => (s_bmp[c] & DecomposableFlag) != 0;

    private static byte[] BuildBmpTable()
    {
        var table = new byte[0x10000];
        Span<char> one = stackalloc char[1];
        for (int codePoint = 0; codePoint < table.Length; codePoint++)
        {
            table[codePoint] = ComputeFlags(codePoint);
            if (codePoint < 0xC0)
            {
                continue;
            }

            char c = (char)codePoint;
            if (char.IsSurrogate(c) || c >= '\uFFFE')
            {
                table[codePoint] |= DecomposableFlag;
                continue;
            }

            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            one[0] = c;
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                || !new string(one).IsNormalized(System.Text.NormalizationForm.FormD))
            {
                table[codePoint] |= DecomposableFlag;
            }
        }

        return table;
    }

    private static byte[] BuildAsciiTable()
    {
        var table = new byte[128];
        foreach (char c in " \t\n\v\f\r\x1c\x1d\x1e\x1f")
        {
            table[c] |= SpaceFlag;
        }

        for (int c = 0; c < 128; c++)
        {
            if (char.IsAsciiLetterUpper((char)c))
            {
                table[c] |= WordFlag | AlphaFlag | UpperFlag;
            }
            else if (char.IsAsciiLetterLower((char)c))
            {
                table[c] |= WordFlag | AlphaFlag | LowerFlag;
            }
            else if (char.IsAsciiDigit((char)c))
            {
                table[c] |= WordFlag | NumericFlag;
            }
        }

        table['_'] |= WordFlag;
        foreach (char c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
        {
            table[c] |= AsciiPunctuationFlag;
        }

        return table;
    }
}
