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
        var lines = new TextLines(LineEndings.ToLf(decoded.Text));

        int startMarker = GutenbergBoilerplate.FindStartMarker(lines);
        if (startMarker < 0)
        {
            return requireMarkers
                ? Dropped(BookDropReasons.NotGutenberg, GutenbergMetadata.None, decoded.Encoding)
                : Kept(Slice(lines, 0, lines.Count), GutenbergMetadata.None, decoded.Encoding);
        }

        GutenbergMetadata metadata = GutenbergHeader.Parse(Enumerable.Range(0, startMarker).Select(lines.GetString).ToList());
        int footer = GutenbergBoilerplate.FindEndMarker(lines, startMarker + 1);
        int bodyEnd = footer < 0 ? lines.Count : footer;
        int bodyStart = GutenbergBoilerplate.SkipCreditParagraphs(lines, startMarker + 1, bodyEnd);
        return Kept(Slice(lines, bodyStart, bodyEnd), metadata, decoded.Encoding);
    }

    private static GutenbergCleaning Kept(string text, GutenbergMetadata metadata, TextEncodingKind encoding) =>
        text.Length == 0
            ? Dropped(BookDropReasons.Empty, metadata, encoding)
            : new GutenbergCleaning(text, metadata, encoding, null);

    /// <summary>
    /// Lines [start, end) joined with LF, without blank lines at either end, trailing whitespace at the very end, or
    /// legalese notices. A body without notices is one substring of the text.
    /// </summary>
    private static string Slice(TextLines lines, int start, int end)
    {
        while (start < end && lines.IsBlank(start))
        {
            start++;
        }

        while (end > start && lines.IsBlank(end - 1))
        {
            end--;
        }

        if (start == end)
        {
            return string.Empty;
        }

        int firstNotice = start;
        while (firstNotice < end && !GutenbergBoilerplate.IsLegaleseStart(lines[firstNotice]))
        {
            firstNotice++;
        }

        if (firstNotice == end)
        {
            return lines.Text[lines.Start(start)..lines.End(end - 1)].TrimEnd();
        }

        var builder = new StringBuilder(lines.End(end - 1) - lines.Start(start));
        int runStart = start;
        for (int i = firstNotice; i < end; i++)
        {
            if (!GutenbergBoilerplate.IsLegaleseStart(lines[i]))
            {
                continue;
            }

            Append(builder, lines, runStart, i);
            int close = i;
            while (close < end && !GutenbergBoilerplate.IsLegaleseEnd(lines[close]))
            {
                close++;
            }

            runStart = close + 1;
            i = close;
        }

        Append(builder, lines, runStart, end);
        return builder.ToString().TrimEnd();
    }

    private static void Append(StringBuilder builder, TextLines lines, int start, int end)
    {
        if (start >= end)
        {
            return;
        }

        if (builder.Length > 0)
        {
            builder.Append('\n');
        }

        builder.Append(lines.Text, lines.Start(start), lines.End(end - 1) - lines.Start(start));
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
}
