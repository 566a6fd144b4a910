namespace RedPajama.Sources.CommonCrawl;

/// <summary>The <c>commoncrawl:</c> section of the run configuration.</summary>
public sealed class CommonCrawlConfig
{
    /// <summary>
    /// Documents whose text has fewer code points than this are dropped as <c>too_short</c> (cc_net <c>mine.py</c>
    /// <c>Config.min_len</c>, 300 in RedPajama's run).
    /// </summary>
    public long MinLength { get; set; } = 300;
}
