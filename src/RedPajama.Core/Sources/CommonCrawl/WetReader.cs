using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using RedPajama.Documents;
using RedPajama.Reading;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// Reads CommonCrawl WET files (<c>.wet</c>, <c>.wet.gz</c>) record by record as cc_net's
/// <c>process_wet_file.py</c> does (<c>group_by_docs</c>, <c>parse_doc</c> with RedPajama's post-2020 length
/// fallback): every line stripped, a record starting at a line <c>WARC/1.0</c>, headers read by position, the first
/// body line as the title, the rest as the text. Records cc_net skips are yielded dropped with a reason
/// (<see cref="WetDropReasons"/>); WARC and WAT files given as inputs are recognised and each of their records is
/// yielded dropped as <see cref="WetDropReasons.NotWet"/>.
/// </summary>
public sealed class WetReader : IDocumentReader
{
    private const string RecordStart = "WARC/1.0";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// The default limit of a record's body: CommonCrawl truncates the fetched content at 1 MiB, so a WET record's text
    /// is smaller; a larger one is damage, dropped before it can fill memory.
    /// </summary>
    public const int DefaultMaxRecordBytes = 16 << 20;

    private readonly int _maxLineBytes;
    private readonly long _maxRecordBytes;

    /// <summary>Creates a reader with the default limits (<see cref="DefaultMaxRecordBytes"/> for a record and for a line).</summary>
    public WetReader()
        : this(DefaultMaxRecordBytes, DefaultMaxRecordBytes)
    {
    }

    /// <summary>Creates a reader.</summary>
    /// <param name="maxLineBytes">A record with a longer line is yielded dropped as <see cref="WetDropReasons.TooLarge"/>.</param>
    /// <param name="maxRecordBytes">The same for a record whose body lines add up to more.</param>
    public WetReader(int maxLineBytes, long maxRecordBytes = DefaultMaxRecordBytes)
    {
        _maxLineBytes = maxLineBytes;
        _maxRecordBytes = maxRecordBytes;
    }

    /// <summary>True for WET files (<c>.wet</c>, <c>.wet.gz</c>), the files the source picks from a directory or glob.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>Whether the file is a WET file.</returns>
    public static bool Accepts(string path) => IsWet(path) && InputStreams.CompressionOf(path) is "" or ".gz";

    /// <summary>The <c>cc_segment</c> of a file: its path from <c>crawl-data/</c> on (as <c>wet.paths</c> lists it), else its name.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>The segment.</returns>
    public static string SegmentOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string normalized = path.Replace('\\', '/');
        int at = normalized.LastIndexOf("crawl-data/", StringComparison.Ordinal);
        return at >= 0 && (at == 0 || normalized[at - 1] == '/') ? normalized[at..] : Path.GetFileName(path);
    }

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(meta);
        if (Accepts(input.Path))
        {
            return ReadWet(input, content, meta);
        }

        string inner = InputStreams.InnerName(input.Path);
        if (inner.EndsWith(".warc", StringComparison.Ordinal) || inner.EndsWith(".wat", StringComparison.Ordinal))
        {
            return ReadNotWet(input, content, meta);
        }

        throw new InvalidDataException($"{input.Path}: not a WET file (expected .wet or .wet.gz)");
    }

    private static bool IsWet(string path) => InputStreams.InnerName(path).EndsWith(".wet", StringComparison.Ordinal);

    private static IEnumerable<Document> ReadNotWet(InputFile input, Stream content, MetaSchema meta)
    {
        using Stream stream = InputStreams.Decompress(content, input.Path);
        using var buffered = new BufferedStream(stream, 1 << 16);
        var records = new WarcRecordCounter(buffered, input.Path);
        long record = 0;
        while (records.SkipRecord())
        {
            var document = new Document(new OrderKey(input.Index, record++), meta.Count);
            document.Drop(WetDropReasons.NotWet);
            yield return document;
        }
    }

    private IEnumerable<Document> ReadWet(InputFile input, Stream content, MetaSchema meta)
    {
        var fields = new WetFields(meta, SegmentOf(input.Path));
        using Stream stream = InputStreams.Decompress(content, input.Path);
        var lines = new ByteLineReader(stream, _maxLineBytes);
        var headers = new List<string>();
        var body = new List<string>();
        bool readHeaders = true;
        bool tooLong = false;
        long bodyBytes = 0;
        long record = 0;

        // group_by_docs: headers up to and including the first empty line, then body lines up to the next WARC/1.0.
        while (true)
        {
            bool more = lines.ReadLine(out ReadOnlyMemory<byte> bytes, out bool lineTooLong, out ExceptionDispatchInfo? failure);
            if (failure is not null)
            {
                // The record being read when the file broke (a truncated gzip member) is counted, not lost; its end is unknown.
                if (headers.Count > 0)
                {
                    var document = new Document(new OrderKey(input.Index, record), meta.Count);
                    document.Drop(WetDropReasons.Truncated);
                    yield return document;
                }

                failure.Throw();
            }

            if (!more)
            {
                break;
            }

            tooLong |= lineTooLong;
            bodyBytes += readHeaders ? 0 : bytes.Length;
            foreach (string line in PythonLines(bytes.Span))
            {
                if (readHeaders)
                {
                    headers.Add(line);
                    readHeaders = line.Length != 0;
                    continue;
                }

                if (line == RecordStart)
                {
                    yield return fields.Create(new OrderKey(input.Index, record++), headers, body, tooLong);
                    headers.Clear();
                    headers.Add(line);
                    body.Clear();
                    readHeaders = true;
                    tooLong = false;
                    bodyBytes = 0;
                    continue;
                }

                // An oversized record keeps no more lines: it is dropped whole at the next WARC/1.0.
                tooLong |= bodyBytes > _maxRecordBytes;
                if (!tooLong)
                {
                    body.Add(line);
                }
            }
        }

        // cc_net parses the last record only when it has body lines; one without is yielded dropped, to be counted.
        if (headers.Count > 0)
        {
            yield return fields.Create(new OrderKey(input.Index, record), headers, body, tooLong);
        }
    }

    /// <summary>
    /// The stripped lines of one LF-terminated line, as Python's universal-newline text mode splits it: a lone CR
    /// ends a line too (the reader already removed a CR before the LF).
    /// </summary>
    internal static IEnumerable<string> PythonLines(ReadOnlySpan<byte> bytes)
    {
        string text = Utf8.GetString(bytes);
        return text.Contains('\r', StringComparison.Ordinal)
            ? text.Split('\r').Select(WetText.Strip)
            : [WetText.Strip(text)];
    }

    /// <summary>Python <c>int()</c> of a header token, or null where it raises ValueError.</summary>
    internal static long? ParseInt(string token) =>
        long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value : null;
}
