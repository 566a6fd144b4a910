namespace RedPajama.Reading;

/// <summary>How inputs named by an <c>http://</c> or <c>https://</c> URL are downloaded (<see cref="ResumableHttpStream"/>).</summary>
public sealed record HttpDownloadOptions
{
    /// <summary>The defaults: 5 attempts, 1 s first wait doubling up to 60 s, 60 s without a byte is a failure.</summary>
    public static HttpDownloadOptions Default { get; } = new();

    /// <summary>
    /// Attempts in a row that may fail without receiving a byte before the input is given up (an input error); any
    /// progress starts the count again, so a long file over a flaky link is not limited to this many reconnections.
    /// </summary>
    public int Attempts { get; init; } = 5;

    /// <summary>The wait before the first retry; it doubles with each failure in a row.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a connection may stay silent (connect, headers, any read of the body) before it counts as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
