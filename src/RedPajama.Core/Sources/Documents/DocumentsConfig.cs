namespace RedPajama.Sources.Documents;

/// <summary>
/// The <c>documents:</c> section: the generic source that re-reads JSON lines or Parquet documents (any source's
/// output, or any <c>{"text": …}</c> rows) to run global steps over them — quality signals, language ID, exact and
/// near dedup, tokenisation.
/// <code>
/// documents:
///   meta: [url:text, title:text, token_count:integer]   # absent: taken from the first input file
///   exact_dedup: true
/// </code>
/// </summary>
public sealed class DocumentsConfig
{
    /// <summary>The meta fields as <c>name:type</c> (text, integer, float, boolean); empty to infer them from the first input.</summary>
    public List<string> Meta { get; set; } = [];

    /// <summary>Remove exact duplicates by content hash.</summary>
    public bool ExactDedup { get; set; } = true;
}
