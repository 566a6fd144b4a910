namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// GPT-2's byte-to-character table (<c>bytes_to_unicode</c>): printable Latin-1 bytes stand for themselves, the other
/// 68 bytes for U+0100 upwards in byte order, so every byte string is a string of visible characters.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] s_byteToChar = Build();

    /// <summary>The character that stands for <paramref name="value"/>.</summary>
    public static char ToChar(byte value) => s_byteToChar[value];

    /// <summary>The byte that <paramref name="c"/> stands for, or -1 when it stands for none.</summary>
    public static int ToByte(char c)
    {
        for (int b = 0; b < 256; b++)
        {
            if (s_byteToChar[b] == c)
            {
                return b;
            }
        }

        return -1;
    }

    private static char[] Build()
    {
        var table = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
        {
            bool printable = b is (>= '!' and <= '~') or (>= 0xA1 and <= 0xAC) or (>= 0xAE and <= 0xFF);
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }
}
