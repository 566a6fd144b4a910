using RedPajama.Documents;

namespace RedPajama.Writing;

/// <summary>
/// Writes one part file. <see cref="CompleteAsync"/> makes it appear under its final name; disposing without
/// completing removes it.
/// </summary>
public interface IDocumentWriter : IAsyncDisposable
{
    /// <summary>Rows written so far.</summary>
    long Rows { get; }

    /// <summary>Writes a document (a dropped one only in keep-all runs, with its reason).</summary>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the row is buffered or written.</returns>
    ValueTask WriteAsync(Document document, CancellationToken cancellationToken = default);

    /// <summary>
    /// Bytes of documents held in memory, not yet in the file (a Parquet row group being gathered); 0 for writers
    /// that stream. A writer of several part files at once (<see cref="PartitionedDocumentWriter"/>) bounds their sum.
    /// </summary>
    long BufferedBytes => 0;

    /// <summary>Writes what <see cref="BufferedBytes"/> counts to the file now (a Parquet row group); nothing for streaming writers.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the buffer is written.</returns>
    ValueTask FlushBufferAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>Flushes everything and renames the file into place.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}
