using RedPajama.Documents;
using RedPajama.Reading;

namespace RedPajama.Pipeline;

/// <summary>
/// A pipeline, described once and translated by each engine: a reader, per-document steps, keyed steps, and the
/// output shape. Nothing in it knows where it runs.
/// </summary>
/// <param name="Source">The source name (<c>books</c>), used in statistics and file names.</param>
/// <param name="Meta">The <c>meta</c> schema of every document.</param>
/// <param name="Reader">Turns an input file into documents.</param>
/// <param name="DocumentSteps">Per-document steps, in order.</param>
/// <param name="KeyedSteps">Keyed steps, in order, run after all per-document steps.</param>
/// <param name="JsonLayout">Key order of JSON output.</param>
public sealed record PipelineDescription(
    string Source,
    MetaSchema Meta,
    IDocumentReader Reader,
    IReadOnlyList<IDocumentStep> DocumentSteps,
    IReadOnlyList<KeyedStep> KeyedSteps,
    JsonLayout JsonLayout)
{
    /// <summary>Whether writers add an <c>input_ids</c> column (list of int32) from <see cref="Documents.Document.InputIds"/>.</summary>
    public bool WritesInputIds { get; init; }

    /// <summary>
    /// Whether writers add a column per quality signal (<see cref="Udfs.Quality.SignalCatalog"/>) from
    /// <see cref="Documents.Document.Signals"/>.
    /// </summary>
    public bool WritesSignals { get; init; }

    /// <summary>Whether writers also add the line signals' span lists (only when <see cref="WritesSignals"/>).</summary>
    public bool WritesLineSignals { get; init; }

    /// <summary>
    /// Whether keep-all outputs get a <c>cluster_id</c> column (<see cref="Documents.Document.ClusterId"/>): when a
    /// keyed step connects documents through several keys (near dedup).
    /// </summary>
    public bool WritesClusterIds => KeyedSteps.Any(s => s.KeysPerDocument > 1);

    /// <summary>
    /// Every step in accounting order — the reader (<see cref="DocumentStepRunner.ReadStepName"/>), the
    /// per-document steps, the keyed steps — as <see cref="Engine.RunStatistics.FromDropCounts(string, string, IReadOnlyList{string}, IEnumerable{Engine.DropCount})"/> takes them.
    /// </summary>
    public IReadOnlyList<string> StepNames =>
        [DocumentStepRunner.ReadStepName, .. DocumentSteps.Select(s => s.Name), .. KeyedSteps.Select(s => s.Name)];
}
