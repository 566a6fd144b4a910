using ICSharpCode.SharpZipLib.GZip;
using ZstdSharp;

namespace RedPajama.Reading;

/// <summary>
/// Opens input files, decompressing by extension (<c>.gz</c>, <c>.zst</c>). Gzip goes through SharpZipLib because
/// it checks each member's CRC and length and throws on a truncated file, where System.IO.Compression's
/// GZipStream silently returns what it could inflate.
/// </summary>
public static class InputStreams
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for sequential reading, as stored (not decompressed).</summary>
    /// <param name="path">A file path.</param>
    /// <returns>A readable, seekable stream; the caller disposes it.</returns>
    public static FileStream OpenRaw(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);

    /// <summary>Wraps <paramref name="raw"/> in a decompressor chosen by the extension of <paramref name="path"/>.</summary>
    /// <param name="raw">The stored bytes.</param>
    /// <param name="path">The file's name or path.</param>
    /// <returns>A stream of decompressed bytes that disposes <paramref name="raw"/>.</returns>
    public static Stream Decompress(Stream raw, string path) => CompressionOf(path) switch
    {
        ".gz" => new GZipInputStream(raw),
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
