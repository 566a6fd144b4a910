namespace RedPajama.Configuration;

/// <summary>
/// The <c>quality:</c> section of a run configuration: which signals to compute and write, and which rules drop
/// documents.
/// <code>
/// quality:
///   signals: true          # write every document signal as a column (default)
///   line_signals: true     # and every line signal as a list of (start, end, value) spans
///   preset: gopher         # redpajama-1t | c4 | gopher | rpv2-example; or
///   rules_file: my-rules.yaml
///   language: en           # for documents without a "language" meta field
///   bad_words_dir: null    # LDNOOBW files; null for the bundled lists
/// </code>
/// </summary>
public sealed class QualityConfig
{
    /// <summary>Compute the signals and write them as columns.</summary>
    public bool Signals { get; set; } = true;

    /// <summary>
    /// Also write the line signals (one span per line: large for long documents; RedPajama-V2 ships them). Rules
    /// can aggregate line signals either way.
    /// </summary>
    public bool LineSignals { get; set; } = true;

    /// <summary>A shipped rule set, by name; null for no filtering.</summary>
    public string? Preset { get; set; }

    /// <summary>A rule-set YAML file (same format as the presets); overrides <see cref="Preset"/>.</summary>
    public string? RulesFile { get; set; }

    /// <summary>The language of documents that carry none (picks stop words and bad words).</summary>
    public string Language { get; set; } = "en";

    /// <summary>Directory of LDNOOBW lists (<c>en</c>, <c>fr</c>, …); null for the bundled ones.</summary>
    public string? BadWordsDir { get; set; }
}
