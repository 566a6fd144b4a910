using RedPajama.Configuration;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Steps;

namespace RedPajama.Sources.Documents;

/// <summary>
/// The generic documents pipeline: JSON lines or Parquet documents (any source's output, or <c>{"text": …}</c>
/// rows) → drop empty → exact dedup by content → <c>{"text": …, "meta": {…}}</c>. Global steps come from the
/// configuration (language ID, quality, near dedup, tokenisation), so this is how they run over existing data.
/// </summary>
public static class DocumentsSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string Name = "documents";

    /// <summary>Describes the pipeline.</summary>
    /// <param name="config">The <c>documents:</c> section; its meta fields must be set (see <see cref="DocumentsMetaInference"/>).</param>
    /// <returns>The description every engine runs.</returns>
    public static PipelineDescription Describe(DocumentsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var steps = new List<IPipelineStep> { new DropEmptyStep() };
        if (config.ExactDedup)
        {
            steps.Add(new ExactDedupStep());
        }

        return new PipelineDescription(
            Name,
            DocumentsMetaInference.Parse(config.Meta),
            new DocumentsReader(ReadLimits.Default),
            steps,
            JsonLayout.TextThenMeta);
    }
}
