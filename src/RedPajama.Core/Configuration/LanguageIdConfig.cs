namespace RedPajama.Configuration;

/// <summary>
/// The <c>lid:</c> section of a run configuration: CCNet's language identification (<c>cc_net/split_by_lang.py</c>)
/// with fastText's lid.176 model, before quality scoring.
/// <code>
/// lid:
///   enabled: true
///   model: null            # null: the bundled lid.176.ftz (CC BY-SA 3.0); CCNet used lid.176.bin
///   field: language        # meta field for the label; its score goes to &lt;field&gt;_score
///   min_score: 0.5         # CCNet's lang_threshold, on the score rounded to 2 decimals
///   languages: [en]        # keep only these (CCNet's keep_lang); empty keeps every language
/// </code>
/// </summary>
public sealed class LanguageIdConfig
{
    /// <summary>Run language identification.</summary>
    public bool Enabled { get; set; }

    /// <summary>A fastText language-ID model; null means the bundled <c>lid.176.ftz</c>.</summary>
    public string? Model { get; set; }

    /// <summary>The meta field that receives the label (<c>en</c>); the score goes to the same name plus <c>_score</c>.</summary>
    public string Field { get; set; } = "language";

    /// <summary>Documents whose rounded score is below this are dropped as <c>low_language_score</c>.</summary>
    public double MinScore { get; set; } = 0.5;

    /// <summary>Languages to keep; others are dropped as <c>other_language</c>. Empty keeps all.</summary>
    public List<string> Languages { get; set; } = [];
}
