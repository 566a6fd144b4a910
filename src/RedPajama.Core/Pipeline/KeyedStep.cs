using RedPajama.Documents;

namespace RedPajama.Pipeline;

/// <summary>
/// A step that needs every document with the same key together: of each group of kept documents sharing a key,
/// the one with the smallest <see cref="OrderKey"/> stays and the others are dropped with <see cref="DropReason"/>.
/// The local engine runs it over disk-backed partitions; Spark runs it as a shuffle over the key column.
/// </summary>
public abstract class KeyedStep
{
    /// <summary>Name shown in statistics.</summary>
    public abstract string Name { get; }

    /// <summary>The reason written for documents that lose to an earlier one with the same key.</summary>
    public abstract string DropReason { get; }

    /// <summary>The key of a kept document, or null when the document does not take part.</summary>
    /// <param name="document">A kept document, after all per-document steps.</param>
    /// <returns>The 128-bit key or null.</returns>
    public abstract UInt128? KeyOf(Document document);
}
