using RedPajama.Pipeline;
using RedPajama.Tokenization;
using RedPajama.Udfs.LanguageModel;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.LanguageModel;

/// <summary>
/// CCNet's per-language model folder (<c>lm_dir</c>) and one loaded copy of each model and cutoff file per process:
/// the 5-gram models are large and a Spark worker may rebuild its pipeline for every partition.
/// </summary>
public static class PerplexityModels
{
    /// <summary>Suffix of a language's SentencePiece model (<c>en.sp.model</c>).</summary>
    public const string SentencePieceSuffix = ".sp.model";

    /// <summary>Suffix of a language's binary n-gram model (<c>en.arpa.bin</c>): KenLM's <c>build_binary</c> output, as CCNet ships it, or <c>redpajama lm binarize</c>'s.</summary>
    public const string BinarySuffix = ".arpa.bin";

    /// <summary>Suffix of a language's n-gram model as ARPA text (<c>en.arpa</c>).</summary>
    public const string ArpaSuffix = ".arpa";

    private static readonly ModelCache<NGramLanguageModel> s_languageModels = new(NGramLanguageModel.Load);
    private static readonly ModelCache<PerplexityBuckets> s_cutoffs = new(PerplexityBuckets.Load);

    /// <summary>The bundled copy of CCNet's <c>cc_net/data/cutoff.csv</c> (MIT).</summary>
    public static string BundledCutoffsPath => BundledModels.Locate(Path.Combine("ccnet", "cutoff.csv"));

    /// <summary>The cutoff file a configuration names, or the bundled one.</summary>
    /// <param name="configured">The configured path, or null.</param>
    /// <returns>The path.</returns>
    public static string CutoffsPath(string? configured) => string.IsNullOrEmpty(configured) ? BundledCutoffsPath : configured;

    /// <summary>The cutoffs at <paramref name="path"/>, read on first use.</summary>
    /// <param name="path">A cutoff CSV.</param>
    /// <returns>The shared buckets.</returns>
    /// <exception cref="FormatException">The file is not in CCNet's format.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PerplexityBuckets Cutoffs(string path) => s_cutoffs.Get(path);

    /// <summary>
    /// The SentencePiece and n-gram models of <paramref name="language"/> in <paramref name="modelDirectory"/>, loaded
    /// on first use; null when the folder lacks either file (CCNet then leaves the document unscored). The binary
    /// n-gram file wins over the ARPA one.
    /// </summary>
    /// <param name="modelDirectory">The model folder.</param>
    /// <param name="language">A language code (<see cref="Configuration.PerplexityConfig.IsLanguageCode"/>).</param>
    /// <returns>The models, or null.</returns>
    /// <exception cref="SentencePieceModelException">The SentencePiece file is not a usable model.</exception>
    /// <exception cref="ArpaFormatException">The n-gram file is not a usable model (a truncated or damaged KenLM binary included).</exception>
    public static (SentencePieceTokenizer Tokenizer, NGramLanguageModel Model)? Find(string modelDirectory, string language)
    {
        ArgumentNullException.ThrowIfNull(modelDirectory);
        ArgumentNullException.ThrowIfNull(language);
        if (!Configuration.PerplexityConfig.IsLanguageCode(language))
        {
            return null;
        }

        string pieces = Path.Combine(modelDirectory, language + SentencePieceSuffix);
        string binary = Path.Combine(modelDirectory, language + BinarySuffix);
        string arpa = Path.Combine(modelDirectory, language + ArpaSuffix);
        string? ngrams = File.Exists(binary) ? binary : File.Exists(arpa) ? arpa : null;
        if (ngrams is null || !File.Exists(pieces))
        {
            return null;
        }

        return (TokenizerCache.Get(pieces), s_languageModels.Get(ngrams));
    }
}
