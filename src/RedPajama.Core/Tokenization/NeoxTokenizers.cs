using RedPajama.Pipeline;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tokenization;

/// <summary>The GPT-NeoX-20B tokenizer RedPajama-1T counted tokens with: the bundled file, and one loaded model per file per process.</summary>
public static class NeoxTokenizers
{
    /// <summary>File name of the bundled GPT-NeoX-20B <c>tokenizer.json</c> (EleutherAI's, Apache-2.0; see models/README.md).</summary>
    public const string BundledFileName = "gpt-neox-20b-tokenizer.json";

    private static readonly ModelCache<ByteLevelBpeTokenizer> s_loaded = new(ByteLevelBpeTokenizer.Load);

    /// <summary>The tokenizer file a setting names, or the bundled one.</summary>
    /// <param name="configured">The configured path, or null.</param>
    /// <returns>The path.</returns>
    public static string PathOf(string? configured) => string.IsNullOrEmpty(configured) ? BundledModels.Locate(BundledFileName) : configured;

    /// <summary>The tokenizer of a file, loaded on first use.</summary>
    /// <param name="path">A HuggingFace <c>tokenizer.json</c>.</param>
    /// <returns>The shared tokenizer.</returns>
    public static ByteLevelBpeTokenizer Get(string path) => s_loaded.Get(path);
}
