using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.C4;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Sources.C4Clean;

/// <summary>
/// TFDS C4's URL dedup (<c>normalize_url</c>, <c>GroupByKey</c>, <c>dedupe_urls</c>): of the pages sharing a normalized
/// URL one stays. Upstream keeps the last value its runner iterates, which Beam leaves unspecified; here it is the last
/// page in input order, so every engine and thread count keeps the same one.
/// </summary>
public sealed class C4UrlDedupStep : GroupedStep
{
    private readonly int _normalizedUrl;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, holding <see cref="C4CleanMeta.NormalizedUrl"/>.</param>
    public C4UrlDedupStep(MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _normalizedUrl = meta.Require(C4CleanMeta.NormalizedUrl);
    }

    /// <inheritdoc />
    public override string Name => "c4_url_dedup";

    /// <inheritdoc />
    public override string DropReason => TfdsDropReasons.DuplicateUrl;

    /// <inheritdoc />
    public override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);
        keys.Add(ContentHash.Of(document.Meta[_normalizedUrl] as string ?? string.Empty));
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);

        // Members come sorted by order key: the last is the latest page in input order.
        for (int i = 0; i < members.Length - 1; i++)
        {
            verdicts.Drop(i);
        }
    }
}
