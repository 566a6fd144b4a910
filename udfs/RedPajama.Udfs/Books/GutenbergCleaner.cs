using System.Text;
using RedPajama.Udfs.Text;

namespace RedPajama.Udfs.Books;

/// <summary>
/// Turns the bytes of a Project Gutenberg plain-text file into the book's text: detects the encoding
/// (UTF-8 with or without BOM, UTF-16, else Windows-1252), normalises line endings to LF, reads the header
/// metadata, removes header, licence footer, transcription credits and legalese notices, and trims blank lines.
/// Pure and thread-safe; the Spark UDF and the local engine both call it.
/// </summary>
public static class GutenbergCleaner
{
    private static readonly byte[] Utf8Declaration = Encoding.ASCII.GetBytes("encoding: utf-8");

    /// <summary>Cleans one file.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="requireMarkers">
    /// When true (the default) a file without a START marker is dropped as <see cref="BookDropReasons.NotGutenberg"/>;
    /// when false its whole text is kept (for plain books from other sources).
    /// </param>
    /// <returns>The cleaned book or the reason it was dropped.</returns>
    public static GutenbergCleaning Clean(ReadOnlySpan<byte> content, bool requireMarkers = true)
    {
        if (content.IsEmpty)
        {
            return Dropped(BookDropReasons.EmptyFile, GutenbergMetadata.None, TextEncodingKind.Utf8);
        }

        if (BinaryContent.LooksBinary(content))
        {
            return Dropped(BookDropReasons.Binary, GutenbergMetadata.None, TextEncodingKind.Utf8);
        }

        DecodedText decoded = TextDecoder.Decode(content, DeclaresUtf8(content));
        string[] lines = LineEndings.ToLf(decoded.Text).Split('\n');

        int startMarker = GutenbergBoilerplate.FindStartMarker(lines);
        if (startMarker < 0 && requireMarkers)
        {
            return Dropped(BookDropReasons.NotGutenberg, GutenbergMetadata.None, decoded.Encoding);
        }

        GutenbergMetadata metadata = startMarker < 0 ? GutenbergMetadata.None : GutenbergHeader.Parse(lines[..startMarker]);
        int bodyStart = startMarker + 1;
        int footer = startMarker < 0 ? -1 : GutenbergBoilerplate.FindEndMarker(lines, bodyStart);
        int bodyEnd = footer < 0 ? lines.Length : footer;
        List<string> body = startMarker < 0 ? [.. lines] : GutenbergBoilerplate.Body(lines, bodyStart, bodyEnd);

        string text = JoinTrimmed(body);
        return text.Length == 0
            ? Dropped(BookDropReasons.Empty, metadata, decoded.Encoding)
            : new GutenbergCleaning(text, metadata, decoded.Encoding, null);
    }

    private static GutenbergCleaning Dropped(string reason, GutenbergMetadata metadata, TextEncodingKind encoding) =>
        new(string.Empty, metadata, encoding, reason);

    private static bool DeclaresUtf8(ReadOnlySpan<byte> content)
    {
        // The header line "Character set encoding: UTF-8" sits in the first few kilobytes.
        ReadOnlySpan<byte> head = content.Length > 16384 ? content[..16384] : content;
        for (int i = 0; i + Utf8Declaration.Length <= head.Length; i++)
        {
            if ((head[i] | 0x20) == 'e' && Ascii.EqualsIgnoreCase(head.Slice(i, Utf8Declaration.Length), Utf8Declaration))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Joins lines with LF, dropping blank lines at both ends and trailing whitespace at the very end.</summary>
    private static string JoinTrimmed(List<string> lines)
    {
        int first = 0;
        while (first < lines.Count && string.IsNullOrWhiteSpace(lines[first]))
        {
            first++;
        }

        int last = lines.Count - 1;
        while (last >= first && string.IsNullOrWhiteSpace(lines[last]))
        {
            last--;
        }

        if (first > last)
        {
            return string.Empty;
        }

        return string.Join('\n', lines.GetRange(first, last - first + 1)).TrimEnd();
    }
}
