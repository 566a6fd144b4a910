using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Steps;

/// <summary>
/// Exact-duplicate removal: documents with the same text (XXH3-128 of the UTF-8 bytes, <see cref="ContentHash"/>)
/// keep only the first by order key; the others are dropped as <c>duplicate</c>.
/// </summary>
public sealed class ExactDedupStep : GroupedStep
{
    /// <summary>The drop reason.</summary>
    public const string Reason = "duplicate";

    /// <inheritdoc />
    public override string Name => "exact_dedup";

    /// <inheritdoc />
    public override string DropReason => Reason;

    /// <inheritdoc />
    public override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);
        keys.Add(ContentHash.Of(document.Text));
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        for (int i = 1; i < members.Length; i++)
        {
            verdicts.Drop(i);
        }
    }
}
