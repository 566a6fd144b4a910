using RedPajama.Documents;

namespace RedPajama.Pipeline;

/// <summary>
/// A step that needs every document with the same key together. A document may give several keys
/// (<see cref="KeysPerDocument"/>, for example one per LSH band): documents sharing any key are connected, and of
/// each connected group of kept documents the one with the smallest <see cref="OrderKey"/> stays while the others
/// are dropped with <see cref="DropReason"/>. With one key per document the groups are simply the documents with
/// equal keys. The local engine runs it over disk-backed partitions; Spark runs it as a shuffle over the key column
/// (and, with several keys, iterated star contractions for the connected components).
/// </summary>
public abstract class KeyedStep
{
    /// <summary>Name shown in statistics.</summary>
    public abstract string Name { get; }

    /// <summary>The reason written for documents that lose to an earlier one with the same key.</summary>
    public abstract string DropReason { get; }

    /// <summary>How many keys <see cref="KeysOf"/> gives a document that takes part (1 unless overridden).</summary>
    public virtual int KeysPerDocument => 1;

    /// <summary>Writes the keys of a kept document: <see cref="KeysPerDocument"/> of them, or none when it does not take part.</summary>
    /// <param name="document">A kept document, after all per-document steps.</param>
    /// <param name="keys">At least <see cref="KeysPerDocument"/> slots.</param>
    /// <returns>The number of keys written: <see cref="KeysPerDocument"/> or 0.</returns>
    public abstract int KeysOf(Document document, Span<UInt128> keys);
}
