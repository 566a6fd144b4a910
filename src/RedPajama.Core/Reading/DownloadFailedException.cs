namespace RedPajama.Reading;

/// <summary>
/// A download that will not be retried: the server answered that the file is not there (404, 410) or refused the
/// request (another 4xx), or every attempt failed. An <see cref="IOException"/>, so the engines report it as the
/// input's error and go on with the other inputs.
/// </summary>
public sealed class DownloadFailedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public DownloadFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the URL.</param>
    public DownloadFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the URL.</param>
    /// <param name="innerException">The last failure.</param>
    public DownloadFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
