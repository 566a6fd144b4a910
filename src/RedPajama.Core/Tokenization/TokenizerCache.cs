using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tokenization;

/// <summary>
/// One loaded tokenizer per model file per process: building the vocabulary tables takes tens of
/// milliseconds, and a Spark worker may rebuild its pipeline for every partition.
/// </summary>
public static class TokenizerCache
{
    private static readonly Pipeline.ModelCache<SentencePieceTokenizer> s_loaded = new(SentencePieceTokenizer.Load);

    /// <summary>The tokenizer for <paramref name="path"/>, loading it on first use.</summary>
    /// <param name="path">A SentencePiece model file.</param>
    /// <returns>The shared tokenizer.</returns>
    /// <exception cref="SentencePieceModelException">The file cannot be read or is not a usable model (not cached).</exception>
    public static SentencePieceTokenizer Get(string path) => s_loaded.Get(path);
}
