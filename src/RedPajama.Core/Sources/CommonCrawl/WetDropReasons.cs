namespace RedPajama.Sources.CommonCrawl;

/// <summary>Why <see cref="WetReader"/> yielded a record dropped: the records cc_net's <c>group_by_docs</c> skips, and files that are not WET.</summary>
public static class WetDropReasons
{
    /// <summary>A record of a WARC or WAT file given as input: only WET files are parsed.</summary>
    public const string NotWet = "not_wet";

    /// <summary>A WET record whose <c>WARC-Type</c> (second header line) is not <c>conversion</c>, such as <c>warcinfo</c>.</summary>
    public const string NotConversion = "not_conversion";

    /// <summary>A record whose headers cc_net cannot read by position (missing line or token, length not an integer).</summary>
    public const string BadHeader = "bad_header";

    /// <summary>A record without body lines.</summary>
    public const string EmptyBody = "empty_body";

    /// <summary>A record with a line longer than the line limit.</summary>
    public const string TooLarge = Reading.ReadDropReasons.TooLarge;

    /// <summary>The record being read when the file broke off (a truncated gzip member): its end is unknown.</summary>
    public const string Truncated = "truncated";
}
