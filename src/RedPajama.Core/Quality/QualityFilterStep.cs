using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Quality;

/// <summary>
/// Drops a document under the name of the first rule of a <see cref="QualityRuleSet"/> it fails, so statistics count
/// drops per rule. Runs after <see cref="QualitySignalsStep"/>; in keep-all runs the dropped documents are written
/// with their signals and drop reason.
/// </summary>
public sealed class QualityFilterStep : IDocumentStep
{
    /// <summary>The step's name in statistics.</summary>
    public const string StepName = "quality_filter";

    private readonly QualityRuleSet _rules;
    private readonly string _source;
    private readonly bool _keepLines;

    /// <summary>Creates the step.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="source">The pipeline's source name (rules can be scoped to sources).</param>
    /// <param name="keepLines">Keep the line signals after judging (they are written); otherwise let them go.</param>
    public QualityFilterStep(QualityRuleSet rules, string source, bool keepLines = true)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(source);
        _rules = rules;
        _source = source;
        _keepLines = keepLines;
    }

    /// <inheritdoc />
    public string Name => StepName;

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Signals is not { } signals)
        {
            throw new InvalidOperationException($"{StepName} runs after {QualitySignalsStep.StepName}");
        }

        if (_rules.FirstFailure(signals, _source) is { } failed)
        {
            document.Drop(failed.Name);
        }

        if (!_keepLines)
        {
            Array.Clear(signals.Lines);
        }
    }
}
