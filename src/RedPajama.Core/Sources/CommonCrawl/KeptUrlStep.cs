using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// The second half of RedPajama's cross-dump document dedup (<c>dedup_phase2.py</c>): a document is kept iff its URL is
/// the URL of a digest's first document (<see cref="DigestFirstStep"/>). Keyed on URLs, as upstream: a URL crawled again
/// with the same content keeps every copy, and a duplicate survives when its URL won another digest.
/// </summary>
public sealed class KeptUrlStep : GroupedStep
{
    /// <summary>The drop reason.</summary>
    public const string Reason = "duplicate_digest";

    private readonly int _url;
    private readonly int _winner;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema: text field <c>url</c> and boolean <see cref="DigestFirstStep.DigestWinnerField"/>.</param>
    public KeptUrlStep(MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _url = meta.Require(CommonCrawlMeta.Url);
        _winner = meta.Require(DigestFirstStep.DigestWinnerField);
    }

    /// <inheritdoc />
    public override string Name => "kept_url";

    /// <inheritdoc />
    public override string DropReason => Reason;

    // A URL seen once is kept only if it won its digest.
    /// <inheritdoc />
    public override bool DecidesSingletons => true;

    /// <inheritdoc />
    public override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);
        string url = document.Meta[_url] as string ?? string.Empty;
        bool winner = document.Meta[_winner] as bool? ?? true;
        keys.Add(ContentHash.Of(url), [winner ? (byte)1 : (byte)0]);
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        foreach (GroupMember member in members)
        {
            if (member.Payload.Span[0] == 1)
            {
                return;
            }
        }

        for (int i = 0; i < members.Length; i++)
        {
            verdicts.Drop(i);
        }
    }
}
