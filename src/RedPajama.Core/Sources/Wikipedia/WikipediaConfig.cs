namespace RedPajama.Sources.Wikipedia;

/// <summary>
/// The <c>wikipedia:</c> section.
/// <code>
/// wikipedia:
///   dump_date: null          # YYYYMMDD for the records' timestamp; null: from each file's name (enwiki-20230320-…)
/// </code>
/// </summary>
public sealed class WikipediaConfig
{
    /// <summary>The dump date written as every record's <c>timestamp</c>; null takes it from the file name.</summary>
    public string? DumpDate { get; set; }
}
