namespace RedPajama.Udfs.Text;

/// <summary>
/// Windows-1252 decoding without the code-pages provider: bytes 0x80–0x9F map to the
/// typographic characters Windows assigns them; the five unassigned bytes keep their Latin-1 (C1) value.
/// </summary>
public static class Windows1252
{
    private static readonly char[] High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    /// <summary>Decodes every byte to one character; never fails.</summary>
    /// <param name="bytes">Windows-1252 (or Latin-1) encoded bytes.</param>
    /// <returns>The decoded string, one char per byte.</returns>
    public static string GetString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        return string.Create(bytes.Length, bytes.ToArray(), static (chars, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                byte b = source[i];
                chars[i] = b is >= 0x80 and <= 0x9F ? High[b - 0x80] : (char)b;
            }
        });
    }
}
