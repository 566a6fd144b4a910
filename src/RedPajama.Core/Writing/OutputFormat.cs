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

    /// <summary>
    /// Each document's own input JSON line (<see cref="Documents.Document.SourceLine"/>), every field as it was, plus
    /// <c>"cluster_id"</c> when it has one; a document whose text a step edited gets its new text and the meta values
    /// the pipeline set. The <c>dedup</c> commands write this; documents read without a source line are not written.
    /// </summary>
    SourceJsonl,
}
