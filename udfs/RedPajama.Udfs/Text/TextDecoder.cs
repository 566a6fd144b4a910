using System.Text;
using System.Text.Unicode;

namespace RedPajama.Udfs.Text;

/// <summary>
/// Turns the bytes of a plain-text file into a string: byte-order marks first, then strict UTF-8,
/// then Windows-1252. Never throws on bad input: every byte sequence decodes to something.
/// </summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding Utf8Replacing = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Decodes <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="declaredUtf8">
    /// True when the file itself says it is UTF-8 (for example a Gutenberg "Character set encoding: UTF-8" line):
    /// invalid bytes then become U+FFFD instead of switching the whole file to Windows-1252.
    /// </param>
    /// <returns>The text and the encoding used.</returns>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes, bool declaredUtf8 = false)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            ReadOnlySpan<byte> body = bytes[3..];
            return Utf8.IsValid(body)
                ? new DecodedText(Encoding.UTF8.GetString(body), TextEncodingKind.Utf8WithBom)
                : new DecodedText(Utf8Replacing.GetString(body), TextEncodingKind.Utf8WithReplacements);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new DecodedText(Encoding.Unicode.GetString(bytes[2..]), TextEncodingKind.Utf16);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new DecodedText(Encoding.BigEndianUnicode.GetString(bytes[2..]), TextEncodingKind.Utf16);
        }

        if (Utf8.IsValid(bytes))
        {
            return new DecodedText(Encoding.UTF8.GetString(bytes), TextEncodingKind.Utf8);
        }

        return declaredUtf8
            ? new DecodedText(Utf8Replacing.GetString(bytes), TextEncodingKind.Utf8WithReplacements)
            : new DecodedText(Windows1252.GetString(bytes), TextEncodingKind.Windows1252);
    }
}
