using RedPajama.Documents;

namespace RedPajama.Sources.Github;

/// <summary>The meta fields RedPajama-1T's GitHub record starts with (§4.5), before the input row's own columns.</summary>
public static class GithubMeta
{
    /// <summary>MD5 hex of the raw (uncleaned) content, the dedup key.</summary>
    public const string ContentHash = "content_hash";

    /// <summary>Always the empty string upstream.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>Always <c>github</c>.</summary>
    public const string Source = "source";

    /// <summary>The row's path in its repository.</summary>
    public const string Path = "path";

    /// <summary>The row's licence key (BigQuery <c>licenses.license</c>).</summary>
    public const string License = "license";

    /// <summary>The fields, in upstream's key order: hash, timestamp, source, then the cleaned text's statistics.</summary>
    public static IReadOnlyList<MetaField> Leading { get; } =
    [
        new(ContentHash, MetaType.Text),
        new(Timestamp, MetaType.Text),
        new(Source, MetaType.Text),
        new("line_count", MetaType.Integer),
        new("max_line_length", MetaType.Integer),
        new("avg_line_length", MetaType.Float),
        new("alnum_prop", MetaType.Float),
    ];
}
