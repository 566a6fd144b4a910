using RedPajama.Documents;
using RedPajama.Reading;

namespace RedPajama.Pipeline;

/// <summary>
/// A pipeline, described once and translated by each engine: a reader, one ordered list of steps (per-document and
/// grouped), and the output shape. Nothing in it knows where it runs.
/// </summary>
/// <param name="Source">The source name (<c>books</c>), used in statistics and file names.</param>
/// <param name="Meta">The <c>meta</c> schema of every document.</param>
/// <param name="Reader">Turns an input file into records (documents), with the input's own error accounting.</param>
/// <param name="Steps">The steps in order: <see cref="IDocumentStep"/>s and <see cref="GroupedStep"/>s.</param>
/// <param name="JsonLayout">Key order of JSON output.</param>
public sealed record PipelineDescription(
    string Source,
    MetaSchema Meta,
    IDocumentReader Reader,
    IReadOnlyList<IPipelineStep> Steps,
    JsonLayout JsonLayout)
{
    /// <summary>
    /// How the reading task downloads an input named by an <c>http(s)://</c> URL (<see cref="InputStreams.Open"/>):
    /// both engines read URLs through the same stream, the local engine in its reading tasks, Spark in its executors.
    /// </summary>
    public HttpDownloadOptions Downloads { get; init; } = HttpDownloadOptions.Default;

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
    /// The meta fields written, in output order: a projection of <see cref="Meta"/>. Fields not listed are carried
    /// through the pipeline (steps read them) but not written. Null (the default) writes every field in schema order,
    /// including those global steps add later. Names are checked when an engine resolves them (<see cref="ResolveOutput"/>),
    /// so a source may list a field a global step adds (<c>language</c>).
    /// </summary>
    public IReadOnlyList<string>? WrittenMeta { get; init; }

    /// <summary>
    /// Meta fields the output is partitioned by, outermost first (<c>["language", "bucket"]</c>): part files go to
    /// <c>language=en/bucket=head/part-00000.parquet</c>, named as Spark's <c>partitionBy</c> names them
    /// (<see cref="Writing.HivePartitions"/>), and the fields are not written inside the files. Empty (the default):
    /// part files at the top of the output. A source sets its default in <c>Describe</c>; <c>output.partition_by</c>
    /// overrides it.
    /// </summary>
    public IReadOnlyList<string> PartitionBy { get; init; } = [];

    /// <summary>
    /// One part file per input, named after it (<see cref="Writing.InputPartNames"/>:
    /// <c>c4-train.00000-of-01024.json.gz</c> → <c>c4-train.00000-of-01024.jsonl</c>), as the upstream per-file scripts
    /// wrote, instead of <c>part-NNNNN</c> shards of consecutive inputs. The local engine then also writes each input
    /// while it reads it when no grouped step needs the whole run first. Default false.
    /// </summary>
    public bool NamesPartsAfterInputs { get; init; }

    /// <summary>
    /// <see cref="WrittenMeta"/> and <see cref="PartitionBy"/> resolved against the final <see cref="Meta"/>: what
    /// writers put inside part files and what goes to directories.
    /// </summary>
    /// <returns>The fields.</returns>
    /// <exception cref="ArgumentException">A field is unknown, listed twice, reserved, or cannot be a partition.</exception>
    public OutputFields ResolveOutput() => OutputFields.Resolve(this);

    /// <summary>The per-document steps, in order.</summary>
    public IReadOnlyList<IDocumentStep> DocumentSteps => [.. Steps.OfType<IDocumentStep>()];

    /// <summary>The grouped steps, in order.</summary>
    public IReadOnlyList<GroupedStep> GroupedSteps => [.. Steps.OfType<GroupedStep>()];

    /// <summary>
    /// Whether keep-all outputs get a <c>cluster_id</c> column (<see cref="Documents.Document.ClusterId"/>): when a
    /// grouped step links documents into components (near dedup).
    /// </summary>
    public bool WritesClusterIds => Steps.OfType<GroupedStep>().Any(s => s.LinksDocuments);

    /// <summary>The steps cut where an engine must make a new pass over the documents (<see cref="PipelineSegment.Split"/>).</summary>
    public IReadOnlyList<PipelineSegment> Segments => PipelineSegment.Split(Steps);

    /// <summary>
    /// Every step in accounting order — the reader (<see cref="DocumentStepRunner.ReadStepName"/>), then
    /// <see cref="Steps"/> — as <see cref="Engine.RunStatistics.FromDropCounts(string, string, IReadOnlyList{string}, IEnumerable{Engine.DropCount})"/> takes them.
    /// </summary>
    public IReadOnlyList<string> StepNames => [DocumentStepRunner.ReadStepName, .. Steps.Select(s => s.Name)];

    /// <summary>
    /// Inserts steps where a recipe's global per-document work goes: after the source's own per-document steps and
    /// any grouped step that edits documents (CCNet's line dedup), before the first grouped step that only drops or
    /// links (the dedup stages), so duplicates are scored like everything else and dedup sees final texts.
    /// </summary>
    /// <param name="steps">The steps, in order.</param>
    /// <returns>The pipeline with them.</returns>
    public PipelineDescription InsertBeforeDeduplication(params IEnumerable<IPipelineStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        int at = 0;
        while (at < Steps.Count && Steps[at] is not GroupedStep { EditsDocuments: false })
        {
            at++;
        }

        return this with { Steps = [.. Steps.Take(at), .. steps, .. Steps.Skip(at)] };
    }

    /// <summary>Appends steps after every existing one.</summary>
    /// <param name="steps">The steps, in order.</param>
    /// <returns>The pipeline with them.</returns>
    public PipelineDescription Append(params IEnumerable<IPipelineStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return this with { Steps = [.. Steps, .. steps] };
    }
}
