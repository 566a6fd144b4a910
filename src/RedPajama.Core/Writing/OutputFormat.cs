namespace RedPajama.Writing;

/// <summary>The file format of part files.</summary>
public enum OutputFormat
{
    /// <summary>Parquet, zstd-compressed: <c>text</c> plus a <c>meta</c> struct column.</summary>
    Parquet,

    /// <summary>JSON lines shaped as RedPajama's own files (Python <c>json.dumps</c> defaults).</summary>
    Jsonl,

    /// <summary>JSON lines compressed with zstd, as RedPajama released its Common Crawl files.</summary>
    JsonlZst,
}
