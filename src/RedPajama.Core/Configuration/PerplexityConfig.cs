namespace RedPajama.Configuration;

/// <summary>
/// The <c>perplexity:</c> section of a run configuration: CCNet's document perplexity and perplexity bucket
/// (<c>cc_net/perplexity.py</c>), from per-language SentencePiece and 5-gram models laid out as CCNet's <c>lm_dir</c>.
/// <code>
/// perplexity:
///   enabled: true
///   model_dir: /data/cc_net/lm   # &lt;lang&gt;.sp.model and &lt;lang&gt;.arpa.bin (a KenLM binary) or &lt;lang&gt;.arpa
///   cutoffs: null                # CCNet's cutoff.csv; null for the bundled copy (models/ccnet/cutoff.csv)
///   language_field: language     # meta field holding the document's language (lid.field)
///   default_language: null       # for documents without one; null leaves them unscored (bucket "all")
/// </code>
/// </summary>
public sealed class PerplexityConfig
{
    /// <summary>Score documents and bucket them.</summary>
    public bool Enabled { get; set; }

    /// <summary>The folder of per-language models (required when enabled).</summary>
    public string? ModelDir { get; set; }

    /// <summary>A cutoff CSV in CCNet's format; null means the bundled <c>models/ccnet/cutoff.csv</c>.</summary>
    public string? Cutoffs { get; set; }

    /// <summary>The meta field with the document's language, as language identification writes it.</summary>
    public string LanguageField { get; set; } = "language";

    /// <summary>The language of documents whose language field is absent or null; null leaves them unscored.</summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>The problems of this section, one message per bad key (<c>perplexity.model_dir is required …</c>).</summary>
    /// <returns>The messages; empty when every setting is valid.</returns>
    public IEnumerable<string> Problems()
    {
        string?[] problems =
        [
            Enabled && string.IsNullOrWhiteSpace(ModelDir) ? "perplexity.model_dir is required when perplexity.enabled is true" : null,
            Cutoffs is { } cutoffs && string.IsNullOrWhiteSpace(cutoffs) ? "perplexity.cutoffs must be a file or null (got '')" : null,
            string.IsNullOrWhiteSpace(LanguageField) ? "perplexity.language_field must not be empty" : null,
            DefaultLanguage is { } language && !IsLanguageCode(language)
                ? $"perplexity.default_language must be a language code such as en (letters, digits, '-' or '_'; got '{language}')"
                : null,
        ];
        return problems.OfType<string>();
    }

    /// <summary>
    /// Whether <paramref name="language"/> can name model files: ASCII letters, digits, <c>-</c> and <c>_</c> only, so
    /// a label never reaches outside the model folder.
    /// </summary>
    /// <param name="language">A language code.</param>
    /// <returns>True for a usable code.</returns>
    public static bool IsLanguageCode(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.Length > 0 && language.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }
}
