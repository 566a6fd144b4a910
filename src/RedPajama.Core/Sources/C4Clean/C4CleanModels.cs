using RedPajama.Pipeline;
using RedPajama.Tokenization;
using RedPajama.Udfs.C4;
using RedPajama.Udfs.Text;

namespace RedPajama.Sources.C4Clean;

/// <summary>The files <c>c4-clean</c> reads, loaded once per path per process, and the bundled defaults.</summary>
public static class C4CleanModels
{
    /// <summary>The bundled Punkt model folder's name under <c>models/punkt</c>.</summary>
    public const string BundledPunkt = "english-gutenberg";

    private static readonly ModelCache<PunktSentenceTokenizer> s_punkt = new(path => new PunktSentenceTokenizer(PunktParameters.Load(path)));
    private static readonly ModelCache<TfdsBadWords> s_badWords = new(TfdsBadWords.Load);

    /// <summary>The Punkt folder a configuration names, or the bundled one.</summary>
    /// <param name="configured">The configured folder, or null.</param>
    /// <returns>The folder.</returns>
    public static string PunktPath(string? configured) =>
        string.IsNullOrEmpty(configured) ? BundledModels.PunktDirectory : configured;

    /// <summary>The bad-words file a configuration names, or the bundled LDNOOBW <c>en</c> at TFDS's commit.</summary>
    /// <param name="configured">The configured file, or null.</param>
    /// <returns>The file.</returns>
    public static string BadwordsPath(string? configured) =>
        string.IsNullOrEmpty(configured) ? BundledModels.Locate(Path.Combine("ldnoobw", "c4", "en")) : configured;

    /// <summary>The tokenizer of a Punkt folder, loaded on first use.</summary>
    /// <param name="path">The folder.</param>
    /// <returns>The shared tokenizer.</returns>
    public static PunktSentenceTokenizer Punkt(string path) => s_punkt.Get(path);

    /// <summary>The bad-words rule of a list file, loaded on first use.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The shared matcher.</returns>
    public static TfdsBadWords Badwords(string path) => s_badWords.Get(path);
}
