using System.IO.Compression;
using ZstdSharp;

namespace RedPajama.Reading;

/// <summary>Opens input files, decompressing by extension (<c>.gz</c>, <c>.zst</c>).</summary>
public static class InputStreams
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for sequential reading, decompressed.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>A readable stream; the caller disposes it.</returns>
    public static Stream OpenDecompressed(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            return CompressionOf(path) switch
            {
                ".gz" => new GZipStream(file, CompressionMode.Decompress),
                ".zst" => new DecompressionStream(file),
                _ => file,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

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
