using RedPajama.Pipeline;
using RedPajama.Tokenization;
using RedPajama.Udfs.FastText;

namespace RedPajama.LanguageId;

/// <summary>One loaded fastText model per file per process, and the bundled language-ID model.</summary>
public static class LanguageIdModels
{
    /// <summary>File name of the bundled model: fastText's compressed lid.176 (176 languages, CC BY-SA 3.0).</summary>
    public const string BundledFileName = "lid.176.ftz";

    private static readonly ModelCache<FastTextModel> s_loaded = new(FastTextModel.Load);

    /// <summary>The model a configuration names, or the bundled one.</summary>
    /// <param name="configured">The configured path, or null.</param>
    /// <returns>The model path.</returns>
    public static string ModelPath(string? configured) =>
        string.IsNullOrEmpty(configured) ? BundledModels.Locate(BundledFileName) : configured;

    /// <summary>The model at <paramref name="path"/>, loaded on first use.</summary>
    /// <param name="path">A fastText .bin or .ftz file.</param>
    /// <returns>The shared model.</returns>
    /// <exception cref="FastTextModelException">The file is not a usable model (not cached).</exception>
    public static FastTextModel Get(string path) => s_loaded.Get(path);
}
