using System.IO.Hashing;
using System.Runtime.InteropServices;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Dedup;

namespace RedPajama.Steps;

/// <summary>
/// Near-duplicate removal by MinHash-LSH: a document's keys are its signature's bands (XXH3-128 of the band number
/// and the band's minima), documents sharing a band bucket are candidates, the connected components of candidates
/// are clusters, and each cluster keeps its earliest document by order key; the others are dropped as
/// <c>near_duplicate</c>. A document without shingles (shorter than the shingle size) has no keys and is kept.
/// <para>
/// Verified (<see cref="Verified"/>): every entry also carries the document's shingle set (sorted distinct
/// <see cref="uint"/>s), and a bucket's first member is linked to another only when their exact Jaccard similarity
/// reaches the threshold.
/// </para>
/// </summary>
public sealed class NearDedupStep : GroupedStep
{
    /// <summary>The drop reason.</summary>
    public const string Reason = "near_duplicate";

    private readonly MinHasher _hasher;

    /// <summary>Creates the step.</summary>
    /// <param name="hasher">Signature settings (permutations, shingles, seed).</param>
    /// <param name="bands">The LSH banding; bands × rows must not exceed the permutations.</param>
    public NearDedupStep(MinHasher hasher, LshParameters bands)
        : this(hasher, bands, verifyThreshold: null)
    {
    }

    private NearDedupStep(MinHasher hasher, LshParameters bands, double? verifyThreshold)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        if (bands.Bands * bands.Rows > hasher.Permutations)
        {
            throw new ArgumentException($"{bands.Bands} bands × {bands.Rows} rows need more than {hasher.Permutations} permutations", nameof(bands));
        }

        _hasher = hasher;
        Bands = bands;
        VerifyThreshold = verifyThreshold;
    }

    /// <summary>The Jaccard threshold candidates are verified against; null when they are not verified.</summary>
    public double? VerifyThreshold { get; }

    /// <summary>The banding.</summary>
    public LshParameters Bands { get; }

    /// <summary>The signature settings.</summary>
    public MinHasher Hasher => _hasher;

    /// <inheritdoc />
    public override string Name => "near_dedup";

    /// <summary>
    /// A step that verifies candidates: bands tuned for <paramref name="threshold"/> − 0.1 (more recall), and exact
    /// Jaccard ≥ <paramref name="threshold"/> of the shingle sets to link (precision). On the evaluation corpus this
    /// lifts F1 at 0.8 from 0.940 to 0.977.
    /// </summary>
    /// <param name="hasher">Signature settings.</param>
    /// <param name="threshold">The Jaccard threshold.</param>
    /// <returns>The step.</returns>
    public static NearDedupStep Verified(MinHasher hasher, double threshold)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return new NearDedupStep(hasher, LshParameters.Optimal(Math.Max(0, threshold - 0.1), hasher.Permutations), threshold);
    }

    /// <summary>Exact Jaccard similarity of two sorted sets of distinct values (0 when both are empty).</summary>
    /// <param name="a">A sorted set.</param>
    /// <param name="b">Another sorted set.</param>
    /// <returns>|a ∩ b| / |a ∪ b|.</returns>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 0;
        }

        int shared = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)shared / (a.Length + b.Length - shared);
    }

    /// <inheritdoc />
    public override string DropReason => Reason;

    /// <inheritdoc />
    public override bool LinksDocuments => true;

    /// <inheritdoc />
    public override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);
        Span<uint> signature = stackalloc uint[_hasher.Permutations];
        if (!_hasher.TrySignature(document.Text, signature))
        {
            return;
        }

        uint[]? shingles = null;
        if (VerifyThreshold is not null)
        {
            shingles = [.. _hasher.Shingles(document.Text)];
            Array.Sort(shingles);
        }

        // The band number is hashed with the rows, so equal minima in different bands are different buckets.
        Span<uint> band = stackalloc uint[Bands.Rows + 1];
        for (int b = 0; b < Bands.Bands; b++)
        {
            band[0] = (uint)b;
            signature.Slice(b * Bands.Rows, Bands.Rows).CopyTo(band[1..]);
            UInt128 key = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(band));
            if (shingles is null)
            {
                keys.Add(key);
            }
            else
            {
                keys.Add(key, MemoryMarshal.AsBytes(shingles.AsSpan()));
            }
        }
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        // Every bucket member is a candidate of the bucket's earliest; components do the rest.
        for (int i = 1; i < members.Length; i++)
        {
            if (VerifyThreshold is not { } threshold || Jaccard(ShinglesOf(members[0]), ShinglesOf(members[i])) >= threshold)
            {
                verdicts.Link(0, i);
            }
        }
    }

    private static ReadOnlySpan<uint> ShinglesOf(GroupMember member) => MemoryMarshal.Cast<byte, uint>(member.Payload.Span);
}
