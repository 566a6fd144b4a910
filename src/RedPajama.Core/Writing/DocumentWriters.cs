using RedPajama.Pipeline;

namespace RedPajama.Writing;

/// <summary>Creates the part-file writer for an output format.</summary>
public static class DocumentWriters
{
    /// <summary>zstd level of <c>.jsonl.zst</c> parts: RedPajama compressed with the zstd CLI default, 3.</summary>
    public const int JsonlZstdLevel = 3;

    /// <summary>Creates a writer for the pipeline's written fields (<see cref="PipelineDescription.ResolveOutput"/>).</summary>
    /// <param name="format">The format.</param>
    /// <param name="path">The part file's final path.</param>
    /// <param name="pipeline">The pipeline (meta schema, projection and JSON layout).</param>
    /// <param name="rowGroupBytes">Parquet row-group budget.</param>
    /// <param name="keepAll">Whether dropped documents are written too.</param>
    /// <returns>The writer.</returns>
    public static IDocumentWriter Create(OutputFormat format, string path, PipelineDescription pipeline, long rowGroupBytes, bool keepAll)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return Create(format, path, pipeline, pipeline.ResolveOutput(), rowGroupBytes, keepAll);
    }

    /// <summary>
    /// Creates a writer. <see cref="OutputFormat.SourceJsonl"/> writes each input line as it was read, so the
    /// projection and the layout do not apply to it.
    /// </summary>
    /// <param name="format">The format.</param>
    /// <param name="path">The part file's final path.</param>
    /// <param name="pipeline">The pipeline (signal, <c>input_ids</c> and cluster flags).</param>
    /// <param name="fields">The meta fields written inside the file and the layout.</param>
    /// <param name="rowGroupBytes">Parquet row-group budget.</param>
    /// <param name="keepAll">Whether dropped documents are written too.</param>
    /// <returns>The writer.</returns>
    public static IDocumentWriter Create(OutputFormat format, string path, PipelineDescription pipeline, OutputFields fields, long rowGroupBytes, bool keepAll)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(fields);
        return format switch
        {
            OutputFormat.Parquet => new ParquetDocumentWriter(path, fields, rowGroupBytes, keepAll, pipeline.WritesInputIds, pipeline.WritesSignals, pipeline.WritesLineSignals, keepAll && pipeline.WritesClusterIds),
            OutputFormat.Jsonl => new JsonlDocumentWriter(path, fields, zstdLevel: null, pipeline.WritesSignals, keepAll),
            OutputFormat.JsonlZst => new JsonlDocumentWriter(path, fields, JsonlZstdLevel, pipeline.WritesSignals, keepAll),
            OutputFormat.SourceJsonl => new SourceLineDocumentWriter(path, pipeline.Meta, pipeline.Steps.OfType<GroupedStep>().Any(s => s.EditsDocuments)),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }
}
