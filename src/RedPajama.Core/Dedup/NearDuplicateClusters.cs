using System.IO.Hashing;
using System.Runtime.InteropServices;
using RedPajama.Udfs.Dedup;

namespace RedPajama.Dedup;

/// <summary>
/// Near-duplicate clusters from MinHash signatures: each band of each signature is a bucket key; documents sharing a
/// bucket are candidates (joined to the bucket's first document), optionally confirmed by an exact check; clusters are
/// the connected components (union-find), and each document's cluster id is its cluster's earliest member — the
/// document kept. Documents are indexed in a deterministic order (the engine's order key), so the clusters depend
/// neither on thread count nor on the order documents arrived in. Empty signatures (no shingle) join nothing.
/// </summary>
public static class NearDuplicateClusters
{
    /// <summary>Clusters documents.</summary>
    /// <param name="signatures">Signatures in document order.</param>
    /// <param name="bands">The banding.</param>
    /// <param name="confirm">Optional exact check of a candidate pair (earlier, later); null accepts every candidate.</param>
    /// <returns>Per document, the index of its cluster's earliest member (itself when it is kept).</returns>
    public static int[] Find(IReadOnlyList<uint[]> signatures, LshParameters bands, Func<int, int, bool>? confirm = null)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        var sets = new UnionFind(signatures.Count);
        var buckets = new Dictionary<(int Band, UInt128 Key), int>();
        for (int band = 0; band < bands.Bands; band++)
        {
            buckets.Clear();
            for (int document = 0; document < signatures.Count; document++)
            {
                uint[] signature = signatures[document];
                if (signature.Length < bands.Bands * bands.Rows)
                {
                    continue;
                }

                UInt128 key = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(signature.AsSpan(band * bands.Rows, bands.Rows)));
                ref int first = ref CollectionsMarshal.GetValueRefOrAddDefault(buckets, (band, key), out bool exists);
                if (!exists)
                {
                    first = document;
                }
                else if (confirm is null || confirm(first, document))
                {
                    sets.Union(first, document);
                }
            }
        }

        var clusters = new int[signatures.Count];
        for (int document = 0; document < clusters.Length; document++)
        {
            clusters[document] = sets.Find(document);
        }

        return clusters;
    }

    /// <summary>Exact Jaccard similarity of two shingle sets (0 when both are empty).</summary>
    public static double Jaccard(HashSet<uint> a, HashSet<uint> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        (HashSet<uint> small, HashSet<uint> large) = a.Count <= b.Count ? (a, b) : (b, a);
        int shared = small.Count(large.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
