using RedPajama.Documents;
using RedPajama.LanguageModel;
using RedPajama.Pipeline;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// Keeps the documents of some perplexity buckets: RedPajama's dedup (<c>dedup_phase1.py</c>) read only the files whose
/// name holds <c>head</c> or <c>middle</c>, so the <c>tail</c> bucket never reached the released data.
/// </summary>
public sealed class KeepBucketStep : IDocumentStep
{
    /// <summary>The drop reason.</summary>
    public const string Reason = "discarded_bucket";

    private readonly int _bucket;
    private readonly HashSet<string> _kept;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, with the text field <c>bucket</c>.</param>
    /// <param name="kept">The buckets kept.</param>
    public KeepBucketStep(MetaSchema meta, IEnumerable<string> kept)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(kept);
        _bucket = meta.Require(PerplexityStep.BucketField);
        _kept = new HashSet<string>(kept, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string Name => "keep_bucket";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Meta[_bucket] is not string bucket || !_kept.Contains(bucket))
        {
            document.Drop(Reason);
        }
    }
}
