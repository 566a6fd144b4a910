namespace RedPajama.Sources.CommonCrawl;

/// <summary>The <c>commoncrawl:</c> section of the run configuration.</summary>
public sealed class CommonCrawlConfig
{
    /// <summary>
    /// Documents whose text has fewer code points than this are dropped as <c>too_short</c> (cc_net <c>mine.py</c>
    /// <c>Config.min_len</c>, 300 in RedPajama's run).
    /// </summary>
    public long MinLength { get; set; } = 300;

    /// <summary>
    /// What the relative entries of a <c>wet.paths</c> listing are relative to: CommonCrawl's HTTPS server (cc_net's
    /// <c>WET_URL_ROOT</c> in RedPajama's fork) by default, or a local directory holding a mirrored dump.
    /// </summary>
    public string UrlRoot { get; set; } = Reading.ListingRoot.CommonCrawl;

    /// <summary>Failed attempts in a row (without a byte of progress) before a WET file being downloaded is an input error.</summary>
    public int DownloadAttempts { get; set; } = Reading.HttpDownloadOptions.Default.Attempts;

    /// <summary>Milliseconds before the first retry of a download; the wait doubles with each failure, up to a minute.</summary>
    public int DownloadBackoffMs { get; set; } = (int)Reading.HttpDownloadOptions.Default.Backoff.TotalMilliseconds;

    /// <summary>Seconds a connection may stay silent before the attempt counts as failed.</summary>
    public int DownloadTimeoutSeconds { get; set; } = (int)Reading.HttpDownloadOptions.Default.Timeout.TotalSeconds;
}
