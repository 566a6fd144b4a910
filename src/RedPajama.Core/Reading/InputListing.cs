using System.Text;

namespace RedPajama.Reading;

/// <summary>
/// A file that lists inputs, one per line, as CommonCrawl publishes a dump's segments (<c>wet.paths.gz</c>: lines
/// such as <c>crawl-data/CC-MAIN-2023-06/segments/…/wet/CC-MAIN-…-00000.warc.wet.gz</c>). Its name ends in
/// <c>.paths</c>, optionally compressed (<c>.paths.gz</c>, <c>.paths.zst</c>). Each line is stripped, as cc_net's
/// <c>cc_segments</c> does; blank lines are skipped; every other line is an entry, resolved against a
/// <see cref="ListingRoot"/>. A line that names no input (not UTF-8, climbing out of the root) is an entry with an
/// error, so it keeps its place when the list is cut into shards.
/// </summary>
public static class InputListing
{
    private const string Suffix = ".paths";

    // CommonCrawl's entries are about 120 bytes; a longer line is not a path.
    private const int MaxEntryBytes = 64 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether <paramref name="path"/> names a listing: <c>wet.paths</c>, <c>wet.paths.gz</c>, any <c>*.paths[.gz|.zst]</c>.</summary>
    /// <param name="path">A path or URL.</param>
    /// <returns>True for a listing.</returns>
    public static bool IsListing(string path) => InputStreams.InnerName(path).EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>Reads a listing from a local file or an <c>http(s)://</c> URL.</summary>
    /// <param name="location">The listing's path or URL.</param>
    /// <param name="root">What relative entries are relative to.</param>
    /// <param name="downloads">How a URL is downloaded.</param>
    /// <returns>The entries, in listing order.</returns>
    /// <exception cref="IOException">The listing cannot be read to its end (missing, truncated, download failed).</exception>
    public static IReadOnlyList<ListingEntry> Read(string location, ListingRoot root, HttpDownloadOptions? downloads = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return Parse(InputStreams.Open(location, downloads), location, root);
    }

    /// <summary>
    /// Reads a listing whole through <paramref name="read"/> (either engine's way of getting its bytes). A listing that
    /// cannot be read (I/O, access, a cut or corrupt file) gives none of its entries, since one read part way would
    /// shift the range of every shard, and the error a run reports for it.
    /// </summary>
    /// <param name="read">Reads and parses the listing.</param>
    /// <param name="error">Null, or why no entry is used.</param>
    /// <returns>The entries, or null when it could not be read.</returns>
    public static IReadOnlyList<ListingEntry>? ReadWhole(Func<IReadOnlyList<ListingEntry>> read, out string? error)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            error = null;
            return read();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error = $"listing not read, none of its entries is used: {InputError.Describe(exception)}";
            return null;
        }
    }

    /// <summary>
    /// Parses a listing's stored bytes. The whole listing must be read: one cut short (a truncated gzip) would change
    /// how many entries there are, and so the range of every shard, so it throws instead of giving the lines before
    /// the cut.
    /// </summary>
    /// <param name="raw">The bytes as stored; decompressed by the name's extension, and disposed.</param>
    /// <param name="name">The listing's path or URL (its extension tells the compression).</param>
    /// <param name="root">What relative entries are relative to.</param>
    /// <returns>The entries, in listing order.</returns>
    /// <exception cref="IOException">The listing cannot be read to its end.</exception>
    public static IReadOnlyList<ListingEntry> Parse(Stream raw, string name, ListingRoot root)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(root);
        var entries = new List<ListingEntry>();
        using Stream stream = InputStreams.Decompress(raw, name);
        var lines = new ByteLineReader(stream, MaxEntryBytes);
        long number = 0;
        try
        {
            while (lines.ReadLine(out ReadOnlyMemory<byte> bytes, out bool tooLong))
            {
                number++;
                if (tooLong)
                {
                    entries.Add(new ListingEntry(number, null, $"line is longer than {MaxEntryBytes} bytes"));
                    continue;
                }

                string line;
                try
                {
                    line = StrictUtf8.GetString(bytes.Span);
                }
                catch (DecoderFallbackException)
                {
                    entries.Add(new ListingEntry(number, null, "line is not valid UTF-8"));
                    continue;
                }

                line = line.TrimStart('\uFEFF').Trim();
                if (line.Length > 0)
                {
                    entries.Add(root.Resolve(number, line));
                }
            }
        }
        catch (Exception exception) when (exception is not IOException and not OperationCanceledException)
        {
            // SharpZipLib and zstd report a cut or corrupt archive with their own types.
            throw new IOException($"the listing could not be read to its end after {number} lines: {InputError.Describe(exception)}", exception);
        }

        return entries;
    }
}
