using System.Runtime.ExceptionServices;
using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Udfs.C4;

namespace RedPajama.Sources.C4Clean;

/// <summary>
/// Reads WET files as TFDS C4's <c>split_wet_file</c> does: every line (universal newlines) stripped and empty ones
/// skipped; a page starts at a line <c>WARC/1.0</c>; a line starting with <c>WARC-Target-URI:</c>, <c>WARC-Date:</c>,
/// <c>Content-Type:</c> or <c>Content-Length:</c> sets that field wherever it is; lines starting with <c>WARC</c>,
/// <c>CONTENT-</c> or <c>Content-</c> are metadata and every other line is text, joined by <c>\n</c>. A page without URL
/// or text (the <c>warcinfo</c> record) is yielded dropped. Where TFDS fails the whole file (invalid UTF-8), the page
/// is dropped as <see cref="InvalidUtf8"/> and the rest read; a broken-off last page is counted as truncated.
/// </summary>
public sealed class TfdsWetReader : IDocumentReader
{
    /// <summary>Drop reason of a page without URL (<c>page-filtered-nourl</c>).</summary>
    public const string NoUrl = "no_url";

    /// <summary>Drop reason of a page with a URL but no text line (<c>page-filtered-nocontent</c>).</summary>
    public const string NoContent = "no_content";

    /// <summary>Drop reason of a page with bytes that are not UTF-8 (TFDS stops the file with UnicodeDecodeError).</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    private const string PageDelimiter = "WARC/1.0";
    private const string UrlKey = "WARC-Target-URI:";
    private const string DateKey = "WARC-Date:";
    private const string ContentTypeKey = "Content-Type:";
    private const string ContentLengthKey = "Content-Length:";

    private readonly int _maxLineBytes;

    /// <summary>Creates a reader whose longest line is <see cref="WetReader.DefaultMaxRecordBytes"/>.</summary>
    public TfdsWetReader()
        : this(WetReader.DefaultMaxRecordBytes)
    {
    }

    /// <summary>Creates a reader.</summary>
    /// <param name="maxLineBytes">A page with a longer line is dropped as <see cref="ReadDropReasons.TooLarge"/> (C4 drops pages over 1.9e5 characters anyway).</param>
    public TfdsWetReader(int maxLineBytes) => _maxLineBytes = maxLineBytes;

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(meta);
        if (!WetReader.Accepts(input.Path))
        {
            throw new InvalidDataException($"{input.Path}: not a WET file (expected .wet or .wet.gz)");
        }

        return ReadPages(input, content, meta);
    }

    private IEnumerable<Document> ReadPages(InputFile input, Stream content, MetaSchema meta)
    {
        var page = new PageBuilder(meta);
        using Stream stream = InputStreams.Decompress(content, input.Path);
        var lines = new ByteLineReader(stream, _maxLineBytes);
        long record = 0;
        while (true)
        {
            bool more = lines.ReadLine(out ReadOnlyMemory<byte> bytes, out bool tooLong, out ExceptionDispatchInfo? failure);
            if (failure is not null)
            {
                // The page being read when the file broke is counted, not lost; its end is unknown.
                if (page.Started)
                {
                    var broken = new Document(new OrderKey(input.Index, record), meta.Count);
                    broken.Drop(WetDropReasons.Truncated);
                    yield return broken;
                }

                failure.Throw();
            }

            if (!more)
            {
                break;
            }

            page.TooLong |= tooLong;
            page.InvalidUtf8 |= !System.Text.Unicode.Utf8.IsValid(bytes.Span);
            foreach (string line in WetReader.PythonLines(bytes.Span))
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (line == PageDelimiter)
                {
                    if (page.Started)
                    {
                        yield return page.Build(new OrderKey(input.Index, record++));
                    }

                    page.Start();
                }

                page.Add(line);
            }
        }

        if (page.Started)
        {
            yield return page.Build(new OrderKey(input.Index, record));
        }
    }

    /// <summary>One page's fields as <c>split_wet_file</c> collects them.</summary>
    private sealed class PageBuilder(MetaSchema meta)
    {
        private readonly List<string> _content = [];
        private readonly int _url = meta.Require(C4CleanMeta.Url);
        private readonly int _timestamp = meta.Require(C4CleanMeta.Timestamp);
        private readonly int _contentType = meta.Require(C4CleanMeta.ContentType);
        private readonly int _contentLength = meta.Require(C4CleanMeta.ContentLength);
        private readonly int _normalizedUrl = meta.Require(C4CleanMeta.NormalizedUrl);
        private readonly int _split = meta.Require(C4CleanMeta.Split);
        private string _urlValue = string.Empty;
        private string _timestampValue = string.Empty;
        private string _contentTypeValue = string.Empty;
        private string _contentLengthValue = string.Empty;

        public bool Started { get; private set; }

        public bool TooLong { get; set; }

        public bool InvalidUtf8 { get; set; }

        public void Start()
        {
            Started = true;
            TooLong = false;
            InvalidUtf8 = false;
            _content.Clear();
            _urlValue = _timestampValue = _contentTypeValue = _contentLengthValue = string.Empty;
        }

        public void Add(string line)
        {
            // Lines before the first WARC/1.0 (not a WET file's start) belong to a page without URL.
            Started = true;
            _urlValue = ValueAfter(line, UrlKey) ?? _urlValue;
            _timestampValue = ValueAfter(line, DateKey) ?? _timestampValue;
            _contentTypeValue = ValueAfter(line, ContentTypeKey) ?? _contentTypeValue;
            _contentLengthValue = ValueAfter(line, ContentLengthKey) ?? _contentLengthValue;
            if (!line.StartsWith("WARC", StringComparison.Ordinal) && !line.StartsWith("CONTENT-", StringComparison.Ordinal)
                && !line.StartsWith("Content-", StringComparison.Ordinal))
            {
                _content.Add(line);
            }
        }

        public Document Build(OrderKey order)
        {
            var document = new Document(order, meta.Count);
            string? reason = TooLong ? ReadDropReasons.TooLarge
                : InvalidUtf8 ? TfdsWetReader.InvalidUtf8
                : _urlValue.Length == 0 ? NoUrl
                : _content.Count == 0 ? NoContent
                : null;
            if (reason is not null)
            {
                document.Drop(reason);
                return document;
            }

            document.Text = string.Join('\n', _content);
            string normalized = TfdsUrls.Normalize(_urlValue);
            document.Meta[_url] = _urlValue;
            document.Meta[_timestamp] = _timestampValue;
            document.Meta[_contentType] = _contentTypeValue;
            document.Meta[_contentLength] = _contentLengthValue;
            document.Meta[_normalizedUrl] = normalized;
            document.Meta[_split] = TfdsUrls.IsValidation(normalized) ? "validation" : "train";
            return document;
        }

        private static string? ValueAfter(string line, string key) =>
            line.StartsWith(key, StringComparison.Ordinal) ? WetText.Strip(line[key.Length..]) : null;
    }
}
