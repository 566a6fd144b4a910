using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// cc_net's <c>hash_in_mem</c> &gt; 1: a shard is deduplicated against the hashes of its whole group of shards, but its
/// task writes only its own documents. Runs right after paragraph dedup, so that the group's documents took part in it;
/// a document of another shard of the group is then dropped as <c>other_shard</c>.
/// </summary>
/// <param name="start">The first input index of the run's own shard.</param>
/// <param name="end">The input index after its last.</param>
public sealed class OwnShardStep(int start, int end) : IDocumentStep
{
    /// <summary>The drop reason.</summary>
    public const string Reason = "other_shard";

    /// <inheritdoc />
    public string Name => "own_shard";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Order.Input < start || document.Order.Input >= end)
        {
            document.Drop(Reason);
        }
    }
}
