namespace RedPajama.Sources.Wikipedia;

/// <summary>
/// The <c>wikipedia:</c> section.
/// <code>
/// wikipedia:
///   dump_date: null          # YYYYMMDD for the records' timestamp; null: from each file's name (enwiki-20230320-…)
///   range_mb: 8              # a multistream .bz2 dump is read in ranges of about this many MB of bzip2, in parallel
/// </code>
/// </summary>
public sealed class WikipediaConfig
{
    /// <summary>The dump date written as every record's <c>timestamp</c>; null takes it from the file name.</summary>
    public string? DumpDate { get; set; }

    /// <summary>
    /// Compressed size, in MiB, of the ranges of whole bzip2 streams a multistream dump is split into: each is an input
    /// of its own (a task on every core, a Spark task). The same value gives the same ranges on both engines.
    /// </summary>
    public double RangeMb { get; set; } = Reading.WikipediaDumpReader.DefaultRangeBytes / (double)(1 << 20);
}
