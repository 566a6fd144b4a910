using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Steps;

/// <summary>
/// Exact-duplicate removal: documents with the same text (XXH3-128 of the UTF-8 bytes, <see cref="ContentHash"/>)
/// keep only the first by order key; the others are dropped as <c>duplicate</c>.
/// </summary>
public sealed class ExactDedupStep : KeyedStep
{
    /// <summary>The drop reason.</summary>
    public const string Reason = "duplicate";

    /// <inheritdoc />
    public override string Name => "exact_dedup";

    /// <inheritdoc />
    public override string DropReason => Reason;

    /// <inheritdoc />
    public override int KeysOf(Document document, Span<UInt128> keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        keys[0] = ContentHash.Of(document.Text);
        return 1;
    }
}
