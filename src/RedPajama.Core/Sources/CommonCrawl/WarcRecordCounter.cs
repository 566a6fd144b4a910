using System.Globalization;
using System.Text;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// Walks the records of a (decompressed) WARC or WAT file without parsing their payloads: reads each header block,
/// skips <c>Content-Length</c> bytes. Enough to count records that are dropped, never to hold one in memory.
/// </summary>
/// <param name="stream">The decompressed file, buffered (headers are read byte by byte).</param>
/// <param name="path">The file, for messages.</param>
internal sealed class WarcRecordCounter(BufferedStream stream, string path)
{
    private const int MaxHeaderLineBytes = 1 << 16;

    private readonly BufferedStream _stream = stream;
    private readonly byte[] _skip = new byte[1 << 16];

    /// <summary>Skips the next record.</summary>
    /// <returns>False at the end of the file.</returns>
    /// <exception cref="InvalidDataException">A header block without a valid Content-Length.</exception>
    public bool SkipRecord()
    {
        // Records are followed by an empty line pair; blank lines before a version line belong to no record.
        string? line;
        do
        {
            line = ReadLine();
            if (line is null)
            {
                return false;
            }
        }
        while (line.Length == 0);

        if (!line.StartsWith("WARC/", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: expected a WARC record, found '{Shorten(line)}'");
        }

        long? length = null;
        while ((line = ReadLine()) is { Length: > 0 })
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
            {
                length = parsed;
            }
        }

        if (length is null)
        {
            throw new InvalidDataException($"{path}: a WARC record without a Content-Length header");
        }

        for (long left = length.Value; left > 0;)
        {
            int read = _stream.Read(_skip, 0, (int)Math.Min(left, _skip.Length));
            if (read == 0)
            {
                throw new InvalidDataException($"{path}: a WARC record is cut short");
            }

            left -= read;
        }

        return true;
    }

    private static string Shorten(string line) => line.Length > 40 ? line[..40] : line;

    /// <summary>The next header line without its CRLF or LF, or null at the end of the file.</summary>
    private string? ReadLine()
    {
        var bytes = new List<byte>();
        int b;
        while ((b = _stream.ReadByte()) >= 0 && b != '\n')
        {
            if (bytes.Count == MaxHeaderLineBytes)
            {
                throw new InvalidDataException($"{path}: a WARC header line is longer than {MaxHeaderLineBytes} bytes");
            }

            bytes.Add((byte)b);
        }

        if (b < 0 && bytes.Count == 0)
        {
            return null;
        }

        int count = bytes.Count > 0 && bytes[^1] == '\r' ? bytes.Count - 1 : bytes.Count;
        return Encoding.UTF8.GetString([.. bytes.Take(count)]);
    }
}
