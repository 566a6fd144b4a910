using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Steps;

/// <summary>
/// Exact-duplicate removal: documents with the same text (XXH3-128 of the UTF-8 bytes, <see cref="ContentHash"/>), or
/// the same value of a text meta field, keep only the first by order key; the others are dropped as <c>duplicate</c>.
/// A document without a value for the key field takes no part and is kept.
/// </summary>
public sealed class ExactDedupStep : GroupedStep
{
    /// <summary>The drop reason.</summary>
    public const string Reason = "duplicate";

    private readonly int _keyField;

    /// <summary>Creates the step keyed on the text.</summary>
    /// <param name="linkDuplicates">Link duplicates into clusters (whose ids keep-all runs write) instead of dropping them; the same documents are dropped.</param>
    public ExactDedupStep(bool linkDuplicates = false)
    {
        _keyField = -1;
        LinkDuplicates = linkDuplicates;
    }

    /// <summary>Creates the step keyed on a meta field (<c>redpajama dedup exact --key url</c>).</summary>
    /// <param name="meta">The pipeline's meta schema.</param>
    /// <param name="keyField">The field whose value is compared.</param>
    /// <param name="linkDuplicates">Link duplicates into clusters instead of dropping them.</param>
    /// <exception cref="ArgumentException">The schema has no such field.</exception>
    public ExactDedupStep(MetaSchema meta, string keyField, bool linkDuplicates = false)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(keyField);
        _keyField = meta.IndexOf(keyField) is >= 0 and int index ? index : throw new ArgumentException($"no meta field '{keyField}' to compare", nameof(keyField));
        LinkDuplicates = linkDuplicates;
    }

    /// <summary>Whether duplicates are linked into clusters rather than dropped by a verdict.</summary>
    public bool LinkDuplicates { get; }

    /// <inheritdoc />
    public override string Name => "exact_dedup";

    /// <inheritdoc />
    public override string DropReason => Reason;

    /// <inheritdoc />
    public override bool LinksDocuments => LinkDuplicates;

    /// <inheritdoc />
    public override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);
        string? key = _keyField < 0 ? document.Text : document.Meta[_keyField] as string;
        if (key is not null)
        {
            keys.Add(ContentHash.Of(key));
        }
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        for (int i = 1; i < members.Length; i++)
        {
            if (LinkDuplicates)
            {
                verdicts.Link(0, i);
            }
            else
            {
                verdicts.Drop(i);
            }
        }
    }
}
