using RedPajama.Documents;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// The <c>meta</c> record of a WET document: the fields cc_net's <c>parse_doc</c> returns, in its key order, with
/// <c>raw_content</c> as the document text, then <c>cc_segment</c>, which <c>CCSegmentsReader</c> adds.
/// </summary>
public static class CommonCrawlMeta
{
    /// <summary>The <c>WARC-Target-URI</c> header.</summary>
    public const string Url = "url";

    /// <summary>The <c>WARC-Date</c> header.</summary>
    public const string DateDownload = "date_download";

    /// <summary>The <c>WARC-Block-Digest</c> header (<c>sha1:</c> and base32).</summary>
    public const string Digest = "digest";

    /// <summary>The <c>Content-Length</c> header, in bytes.</summary>
    public const string Length = "length";

    /// <summary>Number of body lines after the title.</summary>
    public const string Nlines = "nlines";

    /// <summary>The network location of the URL (Python <c>urlparse(url).netloc</c>).</summary>
    public const string SourceDomain = "source_domain";

    /// <summary>The first body line.</summary>
    public const string Title = "title";

    /// <summary>The WET file: its path from <c>crawl-data/</c> on when it has one (as in <c>wet.paths</c>), else its name.</summary>
    public const string CcSegment = "cc_segment";

    /// <summary>The body's line count before paragraph dedup (cc_net <c>finalize_doc</c>).</summary>
    public const string OriginalNlines = "original_nlines";

    /// <summary>The record's <c>length</c> before paragraph dedup: the WET Content-Length, in bytes (cc_net <c>finalize_doc</c>).</summary>
    public const string OriginalLength = "original_length";

    /// <summary>Indices of the body lines paragraph dedup kept (cc_net <c>finalize_doc</c>).</summary>
    public const string LineIds = "line_ids";

    /// <summary>The schema, in JSON key order.</summary>
    public static MetaSchema Schema { get; } = new(
        new MetaField(Url, MetaType.Text),
        new MetaField(DateDownload, MetaType.Text),
        new MetaField(Digest, MetaType.Text),
        new MetaField(Length, MetaType.Integer),
        new MetaField(Nlines, MetaType.Integer),
        new MetaField(SourceDomain, MetaType.Text),
        new MetaField(Title, MetaType.Text),
        new MetaField(CcSegment, MetaType.Text));
}
