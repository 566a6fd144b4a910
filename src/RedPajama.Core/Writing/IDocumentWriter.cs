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

    /// <summary>Flushes everything and renames the file into place.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}
