namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// SentencePiece's own UTF-8 rules (util.h/util.cc), which differ from .NET's decoder in what counts as
/// one character: the length of a character is read from its lead byte alone, and a malformed byte is
/// replaced by U+FFFD one byte at a time.
/// </summary>
internal static class SentencePieceUtf8
{
    /// <summary>U+2581 LOWER ONE EIGHTH BLOCK, SentencePiece's visible whitespace.</summary>
    public static ReadOnlySpan<byte> SpaceSymbol => [0xE2, 0x96, 0x81];

    /// <summary>U+FFFD REPLACEMENT CHARACTER.</summary>
    public static ReadOnlySpan<byte> ReplacementCharacter => [0xEF, 0xBF, 0xBD];

    /// <summary>The character length implied by a lead byte (<c>OneCharLen</c>): 1 for ASCII and stray bytes, 2–4 otherwise.</summary>
    public static int OneCharLength(byte lead) => (lead >> 4) switch
    {
        < 0xC => 1,
        0xC or 0xD => 2,
        0xE => 3,
        _ => 4,
    };

    /// <summary>
    /// Decodes one character the way <c>IsValidDecodeUTF8</c> does: returns false (with length 1) for a
    /// malformed sequence, an overlong form, a surrogate or a code point above U+10FFFF.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, out int length)
    {
        byte b0 = input[0];
        if (b0 < 0x80)
        {
            length = 1;
            return true;
        }

        int available = input.Length;
        if (available >= 2 && (b0 & 0xE0) == 0xC0)
        {
            int cp = ((b0 & 0x1F) << 6) | (input[1] & 0x3F);
            if (IsTrail(input[1]) && cp >= 0x80)
            {
                length = 2;
                return true;
            }
        }
        else if (available >= 3 && (b0 & 0xF0) == 0xE0)
        {
            int cp = ((b0 & 0x0F) << 12) | ((input[1] & 0x3F) << 6) | (input[2] & 0x3F);
            if (IsTrail(input[1]) && IsTrail(input[2]) && cp >= 0x800 && IsValidCodePoint(cp))
            {
                length = 3;
                return true;
            }
        }
        else if (available >= 4 && (b0 & 0xF8) == 0xF0)
        {
            int cp = ((b0 & 0x07) << 18) | ((input[1] & 0x3F) << 12) | ((input[2] & 0x3F) << 6) | (input[3] & 0x3F);
            if (IsTrail(input[1]) && IsTrail(input[2]) && IsTrail(input[3]) && cp >= 0x10000 && IsValidCodePoint(cp))
            {
                length = 4;
                return true;
            }
        }

        length = 1;
        return false;
    }

    /// <summary>Whether <paramref name="text"/> starts with U+2581.</summary>
    public static bool StartsWithSpaceSymbol(ReadOnlySpan<byte> text) =>
        text.Length >= 3 && text[0] == 0xE2 && text[1] == 0x96 && text[2] == 0x81;

    private static bool IsTrail(byte b) => (b & 0xC0) == 0x80;

    private static bool IsValidCodePoint(int cp) => cp < 0xD800 || (cp >= 0xE000 && cp <= 0x10FFFF);
}
