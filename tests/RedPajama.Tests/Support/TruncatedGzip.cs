using System.IO.Compression;
using System.Text;

namespace RedPajama.Tests.Support;

/// <summary>Writes a gzip file cut short, as a download or copy interrupted part way leaves it.</summary>
internal static class TruncatedGzip
{
    /// <summary>Gzips <paramref name="lines"/> (LF-terminated) to <paramref name="path"/> and removes its last <paramref name="cut"/> bytes.</summary>
    /// <returns>The lines written before the cut (all of them; the reader keeps only those it completed).</returns>
    public static string[] Write(string path, IReadOnlyList<string> lines, int cut = 64)
    {
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
        }

        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..^cut]);
        return [.. lines];
    }
}
