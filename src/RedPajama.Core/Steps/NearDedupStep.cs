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
    {
        ArgumentNullException.ThrowIfNull(hasher);
        if (bands.Bands * bands.Rows > hasher.Permutations)
        {
            throw new ArgumentException($"{bands.Bands} bands × {bands.Rows} rows need more than {hasher.Permutations} permutations", nameof(bands));
        }

        _hasher = hasher;
        Bands = bands;
    }

    /// <summary>The banding.</summary>
    public LshParameters Bands { get; }

    /// <summary>The signature settings.</summary>
    public MinHasher Hasher => _hasher;

    /// <inheritdoc />
    public override string Name => "near_dedup";

    /// <inheritdoc />
    public override string DropReason => Reason;

    /// <inheritdoc />
    public override int EntriesPerDocument => Bands.Bands;

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

        // The band number is hashed with the rows, so equal minima in different bands are different buckets.
        Span<uint> band = stackalloc uint[Bands.Rows + 1];
        for (int b = 0; b < Bands.Bands; b++)
        {
            band[0] = (uint)b;
            signature.Slice(b * Bands.Rows, Bands.Rows).CopyTo(band[1..]);
            keys.Add(XxHash128.HashToUInt128(MemoryMarshal.AsBytes(band)));
        }
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        // Every bucket member is a candidate of the bucket's earliest; components do the rest.
        for (int i = 1; i < members.Length; i++)
        {
            verdicts.Link(0, i);
        }
    }
}
