using System.Buffers.Binary;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.C4;

namespace RedPajama.Sources.C4Clean;

/// <summary>
/// What TFDS C4's two cross-page dedups share: each key (a line or a sentence window) carries the MD5 of its page's
/// normalized URL, and the page with the smallest one owns the key; the others get edits, which every page's
/// <see cref="GroupedStep.Apply"/> turns into a rewritten text (both rewrite pages that lost nothing too).
/// </summary>
public abstract class TfdsOwnedKeyStep : GroupedStep
{
    private const int UrlHashBytes = 16;

    private readonly int _normalizedUrl;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, holding <see cref="C4CleanMeta.NormalizedUrl"/>.</param>
    protected TfdsOwnedKeyStep(MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _normalizedUrl = meta.Require(C4CleanMeta.NormalizedUrl);
    }

    /// <inheritdoc />
    public sealed override bool EditsDocuments => true;

    /// <inheritdoc />
    public sealed override bool AppliesToEveryDocument => true;

    /// <inheritdoc />
    public sealed override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);
        Span<byte> owner = stackalloc byte[UrlHashBytes];
        BinaryPrimitives.WriteUInt128BigEndian(owner, TfdsUrls.Md5(document.Meta[_normalizedUrl] as string ?? string.Empty));
        foreach (UInt128 key in Keys(document.Text))
        {
            keys.Add(key, owner);
        }
    }

    /// <summary>The page's keys, in the order upstream emits them (entry numbers index this list).</summary>
    /// <param name="text">The page text.</param>
    /// <returns>The keys.</returns>
    protected abstract IReadOnlyList<UInt128> Keys(string text);

    /// <summary>The member with the smallest URL MD5 (the first such in member order).</summary>
    /// <param name="members">A group's members.</param>
    /// <returns>Its index.</returns>
    protected static int Owner(ReadOnlySpan<GroupMember> members)
    {
        int owner = 0;
        for (int i = 1; i < members.Length; i++)
        {
            if (members[i].Payload.Span.SequenceCompareTo(members[owner].Payload.Span) < 0)
            {
                owner = i;
            }
        }

        return owner;
    }
}
