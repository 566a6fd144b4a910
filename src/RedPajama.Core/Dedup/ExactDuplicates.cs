using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace RedPajama.Dedup;

/// <summary>
/// Exact duplicates by key: documents whose keys hash alike (XXH128: at a billion keys a collision has probability
/// about 1e-21, so a 64-bit hash, 2.7% at that size, is not used) form a cluster whose earliest member is kept.
/// </summary>
public static class ExactDuplicates
{
    /// <summary>The 128-bit hash of a key.</summary>
    public static UInt128 KeyOf(string key) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes((key ?? string.Empty).AsSpan()));

    /// <summary>Per document, the index of the earliest document with the same key (itself when it is the first).</summary>
    /// <param name="keys">Key hashes in document order.</param>
    /// <returns>The cluster of each document.</returns>
    public static int[] Find(IReadOnlyList<UInt128> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var first = new Dictionary<UInt128, int>(keys.Count);
        var clusters = new int[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            ref int earliest = ref CollectionsMarshal.GetValueRefOrAddDefault(first, keys[i], out bool exists);
            if (!exists)
            {
                earliest = i;
            }

            clusters[i] = earliest;
        }

        return clusters;
    }
}
