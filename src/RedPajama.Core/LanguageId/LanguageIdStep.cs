using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.FastText;
using RedPajama.Udfs.Quality;

namespace RedPajama.LanguageId;

/// <summary>
/// CCNet's language identification (<c>cc_net/split_by_lang.py</c>, <c>Classifier</c>): the text with every newline
/// deleted goes to fastText, the top label without <c>__label__</c> and its probability rounded to 2 decimals (Python's
/// <c>round</c>) are written to meta; a document whose rounded score is below the threshold is dropped as
/// <c>low_language_score</c>, one in a language not asked for as <c>other_language</c>.
/// </summary>
public sealed class LanguageIdStep : IDocumentStep
{
    /// <summary>The drop reason below the score threshold.</summary>
    public const string LowScoreReason = "low_language_score";

    /// <summary>The meta field CCNet names the language (<c>language</c>; its score is <c>language_score</c>).</summary>
    public const string LanguageField = "language";

    /// <summary>The drop reason for a language not kept.</summary>
    public const string OtherLanguageReason = "other_language";

    private const string LabelPrefix = "__label__";
    private readonly FastTextModel _model;
    private readonly int _labelIndex;
    private readonly int _scoreIndex;
    private readonly double _minScore;
    private readonly HashSet<string> _languages;
    private readonly bool _roundScore;
    private readonly string _newlineReplacement;

    /// <summary>Creates the step.</summary>
    /// <param name="model">A fastText language-ID model.</param>
    /// <param name="meta">The pipeline's meta schema, holding <paramref name="field"/> (text) and its <c>_score</c> (float).</param>
    /// <param name="field">The label's meta field.</param>
    /// <param name="minScore">The rounded score below which a document is dropped.</param>
    /// <param name="languages">Languages kept; empty keeps all.</param>
    /// <param name="roundScore">Whether the score is rounded to 2 decimals first (CCNet); false compares the probability itself (C4's 0.99).</param>
    /// <param name="newlineReplacement">What each <c>\n</c> becomes before prediction: removed as CCNet does, or a space.</param>
    public LanguageIdStep(FastTextModel model, MetaSchema meta, string field, double minScore, IEnumerable<string> languages, bool roundScore = true, string newlineReplacement = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentNullException.ThrowIfNull(languages);
        _model = model;
        _labelIndex = meta.IndexOf(field);
        _scoreIndex = meta.IndexOf(field + "_score");
        if (_labelIndex < 0 || _scoreIndex < 0)
        {
            throw new ArgumentException($"the meta schema needs '{field}' and '{field}_score'", nameof(meta));
        }

        _minScore = minScore;
        _roundScore = roundScore;
        _newlineReplacement = newlineReplacement ?? string.Empty;
        _languages = new HashSet<string>(languages, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string Name => "language_id";

    /// <summary>The top label (without <c>__label__</c>) and its score, rounded to 2 decimals as CCNet computes it unless the step was made otherwise.</summary>
    /// <param name="text">A document's text.</param>
    /// <returns>The label (null when the model predicts nothing, e.g. for an empty text) and the score.</returns>
    public (string? Language, double Score) Identify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        FastTextPrediction[] predictions = _model.Predict(text.Replace("\n", _newlineReplacement, StringComparison.Ordinal), k: 1);
        if (predictions.Length == 0)
        {
            return (null, 0);
        }

        string label = predictions[0].Label;
        return (label.StartsWith(LabelPrefix, StringComparison.Ordinal) ? label[LabelPrefix.Length..] : label,
            _roundScore ? PythonRounding.Round(predictions[0].Probability, 2) : predictions[0].Probability);
    }

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        (string? language, double score) = Identify(document.Text);
        document.Meta[_labelIndex] = language;
        document.Meta[_scoreIndex] = score;
        if (score < _minScore)
        {
            document.Drop(LowScoreReason);
        }
        else if (_languages.Count > 0 && (language is null || !_languages.Contains(language)))
        {
            document.Drop(OtherLanguageReason);
        }
    }
}
