namespace RedPajama.Sources.Wikipedia;

/// <summary>
/// The <c>wikipedia:</c> section.
/// <code>
/// wikipedia:
///   dump_date: null          # YYYYMMDD for the records' timestamp; null: from each file's name (enwiki-20230320-…)
///   language: null          # the wiki's language code for every page; null: from the dump's siteinfo dbname, else its name
///   range_mb: 8              # a multistream .bz2 dump is read in ranges of about this many MB of bzip2, in parallel
/// </code>
/// </summary>
public sealed class WikipediaConfig
{
    /// <summary>The dump date written as every record's <c>timestamp</c>; null takes it from the file name.</summary>
    public string? DumpDate { get; set; }

    /// <summary>
    /// The language code every page gets (URL host, the builder's per-language aliases); null takes it from the dump's
    /// <c>&lt;siteinfo&gt;&lt;dbname&gt;</c> (<c>dewiki</c> → <c>de</c>), else from its file name.
    /// </summary>
    public string? Language { get; set; }

    /// <summary>
    /// Compressed size, in MiB, of the ranges of whole bzip2 streams a multistream dump is split into: each is an input
    /// of its own (a task on every core, a Spark task). The same value gives the same ranges on both engines.
    /// </summary>
    public double RangeMb { get; set; } = Reading.WikipediaDumpReader.DefaultRangeBytes / (double)(1 << 20);
}
