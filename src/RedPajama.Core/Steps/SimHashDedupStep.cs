using System.Buffers.Binary;
using System.IO.Hashing;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Dedup;

namespace RedPajama.Steps;

/// <summary>
/// RedPajama-1T's book near-dedup (<c>data_prep/book/dedup.py</c>): a 64-bit SimHash per document
/// (<see cref="SimHasher"/>), and a document is dropped as <c>near_duplicate</c> when an earlier document (by order
/// key) is within Hamming distance <see cref="SimHasher.MaxDistance"/>. Keys are the fingerprint's six blocks (bit
/// offsets 0, 10, …, 50; the last block takes the 14 high bits): two fingerprints at distance ≤ 5 differ in at most
/// five blocks, so they share at least one key (upstream's <c>SimhashIndex</c> with k = 5). Each entry carries the
/// whole fingerprint, and <see cref="Decide"/> applies upstream's greedy rule: not transitive, a document is judged
/// against the documents themselves, dropped or not — so verdicts are drops, not links.
/// </summary>
public sealed class SimHashDedupStep : GroupedStep
{
    /// <summary>The drop reason (the same as MinHash near dedup's).</summary>
    public const string Reason = NearDedupStep.Reason;

    private const int Blocks = SimHasher.MaxDistance + 1;
    private const int BlockBits = 10;

    /// <summary>Creates the step.</summary>
    /// <param name="linkClusters">
    /// Link every near-duplicate pair instead of dropping by upstream's rule: clusters become connected components
    /// (whose ids keep-all runs write) and each keeps its earliest document. For marking, not for reproducing upstream.
    /// </param>
    public SimHashDedupStep(bool linkClusters = false) => LinkClusters = linkClusters;

    /// <summary>Whether near-duplicate pairs are linked into clusters instead of dropped by upstream's rule.</summary>
    public bool LinkClusters { get; }

    /// <inheritdoc />
    public override string Name => "simhash_dedup";

    /// <inheritdoc />
    public override string DropReason => Reason;

    /// <inheritdoc />
    public override bool LinksDocuments => LinkClusters;

    /// <summary>The key of one block of a fingerprint: the block number and its bits, hashed.</summary>
    /// <param name="fingerprint">The fingerprint.</param>
    /// <param name="block">The block number, 0 to 5.</param>
    /// <returns>The key.</returns>
    public static UInt128 BlockKey(ulong fingerprint, int block)
    {
        int width = block == Blocks - 1 ? 64 - (BlockBits * block) : BlockBits;
        ulong bits = (fingerprint >> (BlockBits * block)) & ((1UL << width) - 1);
        Span<byte> key = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(key, block);
        BinaryPrimitives.WriteUInt64LittleEndian(key[4..], bits);
        return XxHash128.HashToUInt128(key);
    }

    /// <inheritdoc />
    public override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);
        ulong fingerprint = SimHasher.Fingerprint(document.Text);
        Span<byte> payload = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, fingerprint);
        for (int block = 0; block < Blocks; block++)
        {
            keys.Add(BlockKey(fingerprint, block), payload);
        }
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var fingerprints = new ulong[members.Length];
        for (int i = 0; i < members.Length; i++)
        {
            fingerprints[i] = BinaryPrimitives.ReadUInt64LittleEndian(members[i].Payload.Span);
        }

        // Members are in order-key order, so "earlier" is a smaller index. A pair sharing several blocks meets in
        // several groups; dropping or linking twice is harmless.
        if (!LinkClusters)
        {
            int[] earliest = SimHasher.EarliestDuplicates(fingerprints);
            for (int i = 0; i < earliest.Length; i++)
            {
                if (earliest[i] >= 0)
                {
                    verdicts.Drop(i);
                }
            }

            return;
        }

        for (int i = 1; i < members.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (SimHasher.Distance(fingerprints[i], fingerprints[j]) <= SimHasher.MaxDistance)
                {
                    verdicts.Link(j, i);
                }
            }
        }
    }
}
