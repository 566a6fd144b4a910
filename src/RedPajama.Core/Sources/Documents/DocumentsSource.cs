using RedPajama.Configuration;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Steps;

namespace RedPajama.Sources.Documents;

/// <summary>
/// The generic documents pipeline: JSON lines or Parquet documents (any source's output, or <c>{"text": …}</c>
/// rows) → drop empty → exact dedup by content → <c>{"text": …, "meta": {…}}</c>. Global steps come from the
/// configuration (language ID, quality, near dedup, tokenisation), so this is how they run over existing data. Its
/// section is <c>documents:</c> (<see cref="DocumentsConfig"/>).
/// </summary>
public sealed class DocumentsSource : PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string SourceName = "documents";

    /// <inheritdoc />
    public override string Name => SourceName;

    /// <inheritdoc />
    public override Type SectionType => typeof(DocumentsConfig);

    /// <inheritdoc />
    public override bool Accepts(string path) => DocumentsReader.Accepts(path);

    /// <summary>Takes the meta fields from the first input when <c>documents.meta</c> is empty.</summary>
    /// <param name="config">The run configuration, completed in place.</param>
    /// <param name="firstInput">The first input file.</param>
    /// <exception cref="InvalidDataException">The input cannot be read.</exception>
    public override void InferFromFirstInput(RunConfig config, string firstInput)
    {
        ArgumentNullException.ThrowIfNull(config);
        DocumentsConfig documents = config.Section<DocumentsConfig>();
        if (documents.Meta.Count == 0)
        {
            documents.Meta = [.. DocumentsMetaInference.Infer(firstInput)];
        }
    }

    /// <summary>Describes the pipeline.</summary>
    /// <param name="config">The run configuration; the meta fields of its <c>documents:</c> section must be set (see <see cref="InferFromFirstInput"/>).</param>
    /// <returns>The description every engine runs.</returns>
    public override PipelineDescription Describe(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        DocumentsConfig documents = config.Section<DocumentsConfig>();
        var steps = new List<IPipelineStep> { new DropEmptyStep() };
        if (documents.ExactDedup)
        {
            steps.Add(new ExactDedupStep());
        }

        return new PipelineDescription(
            SourceName,
            DocumentsMetaInference.Parse(documents.Meta),
            new DocumentsReader(ReadLimits.Default),
            steps,
            JsonLayout.TextThenMeta);
    }
}
