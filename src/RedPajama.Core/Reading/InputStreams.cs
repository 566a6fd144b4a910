using ICSharpCode.SharpZipLib.GZip;
using ZstdSharp;

namespace RedPajama.Reading;

/// <summary>
/// Opens input files, decompressing by extension (<c>.gz</c>, <c>.zst</c>). A seekable gzip file goes through
/// System.IO.Compression's zlib-ng with an end check (<see cref="CheckedGZipStream"/>), other gzip streams (downloads,
/// and files of many members such as WET files, which that check would decode twice) through SharpZipLib: both throw on a truncated file, where a bare GZipStream silently returns what it could inflate.
/// </summary>
public static class InputStreams
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for sequential reading, as stored (not decompressed).</summary>
    /// <param name="path">A file path.</param>
    /// <returns>A readable, seekable stream; the caller disposes it.</returns>
    public static FileStream OpenRaw(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);

    /// <summary>
    /// Opens an input as stored: a local file, or an <c>http://</c>/<c>https://</c> URL downloaded while it is read
    /// (<see cref="ResumableHttpStream"/>, forward only).
    /// </summary>
    /// <param name="path">A file path or URL.</param>
    /// <param name="downloads">How URLs are downloaded; null for the defaults.</param>
    /// <param name="cancellationToken">Stops a download between attempts.</param>
    /// <returns>The stream (empty for a directory input, which its reader reads by path); the caller disposes it.</returns>
    public static Stream Open(string path, HttpDownloadOptions? downloads = null, CancellationToken cancellationToken = default) =>
        IsUrl(path) ? new ResumableHttpStream(new Uri(path), downloads, cancellationToken)
        : Directory.Exists(path) ? Stream.Null
        : OpenRaw(path);

    /// <summary>
    /// Opens an input for a reader, as the engines do: <see cref="Open"/>, and for a URL a wrapper that turns a download
    /// given up part way into an early end first and the failure on the next read, so the records completed before it
    /// are kept (<see cref="FailureOf"/> then tells the failure).
    /// </summary>
    /// <param name="path">A file path or URL.</param>
    /// <param name="downloads">How URLs are downloaded.</param>
    /// <param name="cancellationToken">Stops a download between attempts.</param>
    /// <returns>The stream; the caller disposes it.</returns>
    public static Stream OpenInput(string path, HttpDownloadOptions? downloads, CancellationToken cancellationToken = default)
    {
        Stream stream = Open(path, downloads, cancellationToken);
        return stream is ResumableHttpStream ? new FailureDeferringStream(stream) : stream;
    }

    /// <summary>
    /// Opens a run's input for its reader: a range of a split file (<see cref="InputFile.Range"/>) as the range's bytes,
    /// anything else as <see cref="OpenInput(string, HttpDownloadOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <param name="downloads">How URLs are downloaded.</param>
    /// <param name="cancellationToken">Stops a download between attempts.</param>
    /// <returns>The stream; the caller disposes it.</returns>
    public static Stream OpenInput(InputFile input, HttpDownloadOptions? downloads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Range is { } range ? new FileRangeStream(input.Path, range) : OpenInput(input.Path, downloads, cancellationToken);
    }

    /// <summary>The failure of a download opened by <see cref="OpenInput(string, HttpDownloadOptions?, CancellationToken)"/>, which outranks what the decompressor made of it.</summary>
    /// <param name="content">A stream from <see cref="OpenInput(string, HttpDownloadOptions?, CancellationToken)"/>, or null.</param>
    /// <returns>The failure, or null.</returns>
    public static Exception? FailureOf(Stream? content) => (content as FailureDeferringStream)?.Failure;

    /// <summary>Bytes downloaded so far by a stream from <see cref="OpenInput(string, HttpDownloadOptions?, CancellationToken)"/>; null for a local file.</summary>
    /// <param name="content">A stream from <see cref="OpenInput(string, HttpDownloadOptions?, CancellationToken)"/>, or null.</param>
    /// <returns>The bytes, or null.</returns>
    public static long? DownloadedBytes(Stream? content) => (content as FailureDeferringStream)?.Inner.Position;

    /// <summary>Whether <paramref name="path"/> is an <c>http://</c> or <c>https://</c> URL (an input downloaded by the engines).</summary>
    /// <param name="path">An input path.</param>
    /// <returns>True for a URL.</returns>
    public static bool IsUrl(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Wraps <paramref name="raw"/> in a decompressor chosen by the extension of <paramref name="path"/>.</summary>
    /// <param name="raw">The stored bytes.</param>
    /// <param name="path">The file's name or path.</param>
    /// <returns>A stream of decompressed bytes that disposes <paramref name="raw"/>.</returns>
    public static Stream Decompress(Stream raw, string path) => CompressionOf(path) switch
    {
        ".gz" => raw.CanSeek && !CheckedGZipStream.LooksMultiMember(raw) ? new CheckedGZipStream(raw) : new GZipInputStream(raw),
        ".zst" => new DecompressionStream(raw),
        _ => raw,
    };

    /// <summary>The compression suffix of a path (<c>.gz</c>, <c>.zst</c>) or the empty string.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>The suffix, lower case.</returns>
    public static string CompressionOf(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".gz" or ".zst" ? extension : string.Empty;
    }

    /// <summary>The file name without its compression suffix, lower case: <c>a.jsonl.gz</c> → <c>a.jsonl</c>.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>The inner name.</returns>
    public static string InnerName(string path)
    {
        string name = Path.GetFileName(path).ToLowerInvariant();
        string compression = CompressionOf(path);
        return compression.Length == 0 ? name : name[..^compression.Length];
    }
}
