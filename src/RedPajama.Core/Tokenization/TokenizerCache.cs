using System.Collections.Concurrent;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tokenization;

/// <summary>
/// One loaded tokenizer per model file per process: building the vocabulary tables takes tens of
/// milliseconds, and a Spark worker may rebuild its pipeline for every partition.
/// </summary>
public static class TokenizerCache
{
    private static readonly ConcurrentDictionary<string, Lazy<SentencePieceTokenizer>> s_loaded = new(StringComparer.Ordinal);

    /// <summary>The tokenizer for <paramref name="path"/>, loading it on first use.</summary>
    /// <param name="path">A SentencePiece model file.</param>
    /// <returns>The shared tokenizer.</returns>
    /// <exception cref="SentencePieceModelException">The file cannot be read or is not a usable model (not cached).</exception>
    public static SentencePieceTokenizer Get(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string key = Path.GetFullPath(path);
        Lazy<SentencePieceTokenizer> entry = s_loaded.GetOrAdd(key, k => new Lazy<SentencePieceTokenizer>(() => SentencePieceTokenizer.Load(k)));
        try
        {
            return entry.Value;
        }
        catch (SentencePieceModelException)
        {
            // Do not remember a failure: the user may fix the file and retry in the same process (a notebook).
            s_loaded.TryRemove(new KeyValuePair<string, Lazy<SentencePieceTokenizer>>(key, entry));
            throw;
        }
    }
}
