using RedPajama.Documents;

namespace RedPajama.Pipeline;

/// <summary>
/// A step that needs the documents sharing a key together (Beam's <c>GroupByKey</c> + <c>ParDo</c>, Spark's
/// <c>groupBy</c>). Every kept document gives zero or more keyed entries (<see cref="EmitKeys"/>); the engine brings all
/// entries of one key together and <see cref="Decide"/> answers, per member: drop it, send an edit back to its
/// document, or link two members' documents. Linked documents form connected components, and each component keeps its
/// earliest document by order key (near dedup). Edits come back to their documents, which <see cref="Apply"/> changes
/// or drops (CCNet's line dedup, a Q&amp;A merge). Exact dedup, near dedup, SimHash, line dedup, digest dedup and
/// licence-by-repository are all instances.
/// <para>
/// The local engine groups over hash-partitioned spill files, one partition in memory at a time; Spark shuffles the
/// entries on the key. "First" is always the smallest (order key, entry), so answers do not depend on threads,
/// partitions or engine. Implementations are thread-safe and hold no per-run state.
/// </para>
/// </summary>
public abstract class GroupedStep : IPipelineStep
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The reason written on documents dropped by <see cref="GroupVerdicts.Drop"/> or by losing in a linked component.</summary>
    public abstract string DropReason { get; }

    /// <summary>Whether <see cref="Decide"/> links documents (then components are resolved and all but the earliest dropped).</summary>
    public virtual bool LinksDocuments => false;

    /// <summary>Whether <see cref="Decide"/> sends edits back (then <see cref="Apply"/> runs, and later steps see the edited documents).</summary>
    public virtual bool EditsDocuments => false;

    /// <summary>
    /// Whether <see cref="Apply"/> runs on every document that reaches the step, with no edits when it got none (CCNet's
    /// line dedup also removes a document's own repeated lines); false runs it only on documents that got edits.
    /// </summary>
    public virtual bool AppliesToEveryDocument => false;

    /// <summary>Whether groups of one member are decided too (a merge of a question without answers); false skips them.</summary>
    public virtual bool DecidesSingletons => false;

    /// <summary>Gives the keyed entries of a kept document, in entry order; none when it does not take part.</summary>
    /// <param name="document">A kept document, after the steps before this one.</param>
    /// <param name="keys">Receives the entries; empty when called.</param>
    public abstract void EmitKeys(Document document, GroupKeys keys);

    /// <summary>Decides one group.</summary>
    /// <param name="members">The entries of one key, sorted by order key, then entry; at least two unless <see cref="DecidesSingletons"/>.</param>
    /// <param name="verdicts">Receives the answers by member index; a member without one is kept as it is.</param>
    public abstract void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts);

    /// <summary>Applies the edits sent back to one document (only when <see cref="EditsDocuments"/>).</summary>
    /// <param name="document">A kept document that got at least one edit (or any kept document, with <see cref="AppliesToEveryDocument"/>).</param>
    /// <param name="edits">Its edits, sorted by entry.</param>
    public virtual void Apply(Document document, IReadOnlyList<GroupEdit> edits) =>
        throw new NotSupportedException($"{Name} sends no edits");
}
