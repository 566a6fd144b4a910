using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.FastText;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// RedPajama's Wikipedia-reference classifier (<c>rp_v1:data_prep/cc/classifier/classify.py</c> and
/// <c>filter/cc_classifier.sh</c>, spec §1.6b): the top fastText label of <c>" ".join(raw_content.strip().splitlines())</c>
/// and its probability; <c>wiki_prob</c> is 1 − p when that label is <c>__label__cc</c>, else p. The three go to meta
/// unrounded (<c>classify.py</c> writes the raw float: fastText's float probability widened to a double, and 1 − p
/// computed in double); a document is kept iff <c>wiki_prob ≥</c> the threshold (0.25 upstream), else dropped as
/// <c>low_wiki_prob</c>. Any fastText supervised model loads, RedPajama's published <c>model.bin</c> included.
/// </summary>
public sealed class WikiReferenceClassifierStep : IDocumentStep
{
    /// <summary>The drop reason.</summary>
    public const string LowWikiProbReason = "low_wiki_prob";

    /// <summary>Meta field: the top label (<c>__label__wiki</c> or <c>__label__cc</c>).</summary>
    public const string PredLabel = "pred_label";

    /// <summary>Meta field: the top label's probability.</summary>
    public const string PredLabelProb = "pred_label_prob";

    /// <summary>Meta field: the probability of <c>__label__wiki</c> as upstream derives it.</summary>
    public const string WikiProb = "wiki_prob";

    /// <summary>The threshold of <c>cc_classifier.sh</c> (<c>select(.wiki_prob &gt;= 0.25)</c>).</summary>
    public const double DefaultMinWikiProb = 0.25;

    private const string CcLabel = "__label__cc";
    private readonly FastTextModel _model;
    private readonly int _labelIndex;
    private readonly int _labelProbIndex;
    private readonly int _wikiProbIndex;
    private readonly double _minWikiProb;

    /// <summary>Creates the step.</summary>
    /// <param name="model">A fastText supervised model with labels <c>__label__wiki</c> and <c>__label__cc</c>.</param>
    /// <param name="meta">The pipeline's meta schema, holding the three fields (<see cref="Fields"/>).</param>
    /// <param name="minWikiProb">Documents with a smaller <c>wiki_prob</c> are dropped.</param>
    public WikiReferenceClassifierStep(FastTextModel model, MetaSchema meta, double minWikiProb = DefaultMinWikiProb)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(meta);
        _model = model;
        _labelIndex = meta.IndexOf(PredLabel);
        _labelProbIndex = meta.IndexOf(PredLabelProb);
        _wikiProbIndex = meta.IndexOf(WikiProb);
        if (_labelIndex < 0 || _labelProbIndex < 0 || _wikiProbIndex < 0)
        {
            throw new ArgumentException($"the meta schema needs '{PredLabel}', '{PredLabelProb}' and '{WikiProb}'", nameof(meta));
        }

        _minWikiProb = minWikiProb;
    }

    /// <summary>The meta fields the step fills, in <c>classify.py</c>'s key order.</summary>
    public static IReadOnlyList<MetaField> Fields { get; } =
        [new MetaField(PredLabel, MetaType.Text), new MetaField(PredLabelProb, MetaType.Float), new MetaField(WikiProb, MetaType.Float)];

    /// <inheritdoc />
    public string Name => "wiki_classifier";

    /// <summary>The prediction <c>classify.py</c> makes for a document.</summary>
    /// <param name="model">The classifier.</param>
    /// <param name="rawContent">The document's text (<c>raw_content</c>).</param>
    /// <returns>The top label and its probability, and <c>wiki_prob</c>; nulls when the model predicts nothing.</returns>
    public static (string? Label, double? LabelProb, double? WikiProb) Classify(FastTextModel model, string rawContent)
    {
        ArgumentNullException.ThrowIfNull(model);
        FastTextPrediction[] predictions = model.Predict(WikiReferenceText.ForPrediction(rawContent), k: 1);
        if (predictions.Length == 0)
        {
            return (null, null, null);
        }

        // Python receives fastText's float as a double; 1 - p is then double arithmetic.
        double probability = predictions[0].Probability;
        string label = predictions[0].Label;
        return (label, probability, label == CcLabel ? 1 - probability : probability);
    }

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        (string? label, double? labelProb, double? wikiProb) = Classify(_model, document.Text);
        document.Meta[_labelIndex] = label;
        document.Meta[_labelProbIndex] = labelProb;
        document.Meta[_wikiProbIndex] = wikiProb;

        // jq's select(.wiki_prob >= 0.25) drops a null too (upstream would have failed on an empty prediction).
        if (wikiProb is not { } value || value < _minWikiProb)
        {
            document.Drop(LowWikiProbReason);
        }
    }
}
