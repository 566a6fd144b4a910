namespace RedPajama.Reading;

/// <summary>An input that could not be read (or not to its end); the run went on without the rest of it.</summary>
/// <param name="Path">The input path, or the <c>--input</c> argument that matched nothing.</param>
/// <param name="Error">What went wrong.</param>
/// <param name="RecordsRead">Records read from it before the error (they are counted and processed).</param>
public sealed record InputError(string Path, string Error, long RecordsRead)
{
    /// <summary>
    /// Whether <paramref name="exception"/> is the input's own failure (missing, unreadable, truncated, corrupt), after
    /// which a reader keeps what it read and the run goes on, rather than a fault of the run.
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <returns>True for I/O, format and decompression errors.</returns>
    public static bool IsInputFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or InvalidDataException or
            ICSharpCode.SharpZipLib.SharpZipBaseException or ZstdSharp.ZstdException;

    /// <summary>How an input's failure is reported: the message of an I/O or format error, else type and message.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The text of <see cref="Error"/>.</returns>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            IOException or InvalidDataException or UnauthorizedAccessException or FormatException => exception.Message,
            ICSharpCode.SharpZipLib.SharpZipBaseException or ZstdSharp.ZstdException => $"truncated or corrupt compressed data ({exception.Message})",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
    }
}
