namespace RedPajama.Writing;

/// <summary>One row of an <see cref="OutputShard"/>.</summary>
/// <param name="Text">The document text.</param>
/// <param name="Meta">The <c>meta</c> fields by name.</param>
/// <param name="Signals">The document quality signals by name (null: undefined for this document).</param>
/// <param name="DropReason">Why the run dropped it (keep-all runs), or null when kept.</param>
/// <param name="ClusterId">The near-dedup cluster (keep-all runs with near dedup), or null.</param>
public sealed record ShardRow(
    string Text,
    IReadOnlyDictionary<string, object?> Meta,
    IReadOnlyDictionary<string, double?> Signals,
    string? DropReason,
    long? ClusterId)
{
    /// <summary>Whether the run kept the document.</summary>
    public bool Keep => DropReason is null;
}
