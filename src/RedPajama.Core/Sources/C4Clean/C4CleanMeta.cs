using RedPajama.Documents;

namespace RedPajama.Sources.C4Clean;

/// <summary>The meta fields of a <c>c4-clean</c> page: TFDS C4's features, plus the normalized URL and split it keys on.</summary>
public static class C4CleanMeta
{
    /// <summary>The page URL as the WET header gives it (<c>WARC-Target-URI</c>).</summary>
    public const string Url = "url";

    /// <summary>The crawl time (<c>WARC-Date</c>), as <c>allenai/c4</c> keeps it.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>The WET record's <c>Content-Type</c>.</summary>
    public const string ContentType = "content_type";

    /// <summary>The WET record's <c>Content-Length</c>, as text (a TFDS feature of type Text).</summary>
    public const string ContentLength = "content_length";

    /// <summary>The URL that TFDS deduplicates, assigns lines and splits by (<c>normalize_url</c>).</summary>
    public const string NormalizedUrl = "normalized_url";

    /// <summary><c>train</c> or <c>validation</c>, by the MD5 of the normalized URL.</summary>
    public const string Split = "split";

    /// <summary>The reader's fields, in output order.</summary>
    public static IReadOnlyList<MetaField> ReaderFields { get; } =
    [
        new(Timestamp, MetaType.Text),
        new(Url, MetaType.Text),
        new(ContentType, MetaType.Text),
        new(ContentLength, MetaType.Text),
        new(NormalizedUrl, MetaType.Text),
        new(Split, MetaType.Text),
    ];
}
