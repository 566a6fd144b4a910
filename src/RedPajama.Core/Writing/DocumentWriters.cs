using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Writing;

/// <summary>Creates the part-file writer for an output format.</summary>
public static class DocumentWriters
{
    /// <summary>zstd level of <c>.jsonl.zst</c> parts: RedPajama compressed with the zstd CLI default, 3.</summary>
    public const int JsonlZstdLevel = 3;

    /// <summary>Creates a writer.</summary>
    /// <param name="format">The format.</param>
    /// <param name="path">The part file's final path.</param>
    /// <param name="pipeline">The pipeline (meta schema and JSON layout).</param>
    /// <param name="rowGroupBytes">Parquet row-group budget.</param>
    /// <param name="keepAll">Whether dropped documents are written too.</param>
    /// <returns>The writer.</returns>
    public static IDocumentWriter Create(OutputFormat format, string path, PipelineDescription pipeline, long rowGroupBytes, bool keepAll)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        MetaSchema meta = pipeline.Meta;
        return format switch
        {
            OutputFormat.Parquet => new ParquetDocumentWriter(path, meta, rowGroupBytes, keepAll, pipeline.WritesInputIds, pipeline.WritesSignals, pipeline.WritesLineSignals, keepAll && pipeline.WritesClusterIds),
            OutputFormat.Jsonl => new JsonlDocumentWriter(path, meta, pipeline.JsonLayout, zstdLevel: null, pipeline.WritesSignals, keepAll),
            OutputFormat.JsonlZst => new JsonlDocumentWriter(path, meta, pipeline.JsonLayout, JsonlZstdLevel, pipeline.WritesSignals, keepAll),
            OutputFormat.SourceJsonl => new SourceLineDocumentWriter(path, meta, pipeline.Steps.OfType<GroupedStep>().Any(s => s.EditsDocuments)),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }
}
