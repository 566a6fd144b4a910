using System.Globalization;

namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// GPT-2's pre-tokenisation regex, as the HuggingFace ByteLevel pre-tokenizer runs it (Oniguruma on code points):
/// <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>, written out as a scanner.
/// Classes are of code points, so a letter outside the BMP is a letter (.NET's Regex sees two surrogates instead).
/// </summary>
internal static class ByteLevelPreTokenizer
{
    private const byte Letter = 1;
    private const byte Number = 2;
    private const byte Space = 3;
    private const byte Other = 4;

    private static readonly byte[] s_ascii = BuildAscii();

    /// <summary>The length in chars of the pre-token at the start of <paramref name="text"/> (not empty).</summary>
    public static int Next(ReadOnlySpan<char> text)
    {
        char first = text[0];
        if (first == '\'' && text.Length > 1)
        {
            char a = text[1];
            if (a is 's' or 't' or 'm' or 'd')
            {
                return 2;
            }

            if (text.Length > 2 && ((a == 'r' && text[2] == 'e') || (a == 'v' && text[2] == 'e') || (a == 'l' && text[2] == 'l')))
            {
                return 3;
            }
        }

        byte kind = Classify(text, 0, out int width);
        if (first == ' ' && text.Length > 1)
        {
            // " ?X+": a single space joins a following letter, number or other run.
            byte after = Classify(text, 1, out int afterWidth);
            if (after != Space)
            {
                return 1 + afterWidth + Run(text, 1 + afterWidth, after);
            }
        }

        if (kind != Space)
        {
            return width + Run(text, width, kind);
        }

        // "\s+(?!\S)|\s+": a whitespace run, less its last character when non-whitespace follows and that leaves one.
        int end = width + Run(text, width, Space);
        if (end == text.Length)
        {
            return end;
        }

        // Every whitespace character is in the BMP, one char wide.
        return end > 1 ? end - 1 : end;
    }

    private static int Run(ReadOnlySpan<char> text, int from, byte kind)
    {
        int i = from;
        while (i < text.Length)
        {
            char c = text[i];
            if (c < 0x80)
            {
                if (s_ascii[c] != kind)
                {
                    break;
                }

                i++;
                continue;
            }

            if (Classify(text, i, out int width) != kind)
            {
                break;
            }

            i += width;
        }

        return i - from;
    }

    private static byte Classify(ReadOnlySpan<char> text, int index, out int width)
    {
        char c = text[index];
        width = 1;
        if (c < 0x80)
        {
            return s_ascii[c];
        }

        int codePoint = c;
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            codePoint = char.ConvertToUtf32(c, text[index + 1]);
            width = 2;
        }
        else if (char.IsSurrogate(c))
        {
            // A lone surrogate reaches the library as U+FFFD, a symbol.
            return Other;
        }

        if (IsWhiteSpace(codePoint))
        {
            return Space;
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Number,
            _ => Other,
        };
    }

    /// <summary>Unicode's White_Space property (Oniguruma's <c>\s</c>).</summary>
    private static bool IsWhiteSpace(int c) =>
        c is (>= 0x09 and <= 0x0D) or 0x20 or 0x85 or 0xA0 or 0x1680 or (>= 0x2000 and <= 0x200A) or 0x2028 or 0x2029
            or 0x202F or 0x205F or 0x3000;

    private static byte[] BuildAscii()
    {
        var table = new byte[128];
        for (int c = 0; c < 128; c++)
        {
            table[c] = IsWhiteSpace(c) ? Space : char.IsAsciiLetter((char)c) ? Letter : char.IsAsciiDigit((char)c) ? Number : Other;
        }

        return table;
    }
}
