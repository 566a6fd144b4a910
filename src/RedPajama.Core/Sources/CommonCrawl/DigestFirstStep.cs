using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// The first half of RedPajama's cross-dump document dedup (<c>rp_v1:data_prep/cc/dedup/dedup_phase2.py</c>): among the
/// documents sharing a WARC block digest, the first in order wins its digest. Nothing is dropped here: the step marks the
/// others (<see cref="DigestWinnerField"/> = false) and <see cref="KeptUrlStep"/> then keeps every document whose URL won
/// some digest, as upstream keeps a document iff its <c>url</c> is in the set of first URLs.
/// </summary>
public sealed class DigestFirstStep : GroupedStep
{
    /// <summary>The boolean meta field the step sets: whether the document was the first of its digest.</summary>
    public const string DigestWinnerField = "digest_winner";

    private readonly int _digest;
    private readonly int _winner;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema: text field <c>digest</c> and boolean <see cref="DigestWinnerField"/>.</param>
    public DigestFirstStep(MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _digest = meta.Require(CommonCrawlMeta.Digest);
        _winner = meta.Require(DigestWinnerField);
    }

    /// <inheritdoc />
    public override string Name => "digest_first";

    /// <inheritdoc />
    public override string DropReason => KeptUrlStep.Reason;

    /// <inheritdoc />
    public override bool EditsDocuments => true;

    // Every document needs its flag, winners of singleton groups included.
    /// <inheritdoc />
    public override bool AppliesToEveryDocument => true;

    /// <inheritdoc />
    public override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);

        // A document without a digest competes with no other (upstream reads the key of every line; WET records have one).
        if (document.Meta[_digest] is string digest)
        {
            keys.Add(ContentHash.Of(digest));
        }
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        for (int i = 1; i < members.Length; i++)
        {
            verdicts.Edit(i);
        }
    }

    /// <inheritdoc />
    public override void Apply(Document document, IReadOnlyList<GroupEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(edits);
        document.Meta[_winner] = edits.Count == 0;
    }
}
