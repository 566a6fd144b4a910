namespace RedPajama.Configuration;

/// <summary>
/// The <c>dedup:</c> section of a run configuration: near-duplicate removal across every input, after the source's
/// own steps (exact dedup stays with the source, for example <c>books.exact_dedup</c>): MinHash-LSH, or RedPajama's
/// book SimHash (Hamming distance ≤ 5, no further settings).
/// <code>
/// dedup:
///   method: minhash       # minhash | simhash (simhash turns near dedup on by itself)
///   near_threshold: 0.8   # minhash; absent: no near dedup
///   verify: false         # minhash: confirm candidates by exact Jaccard of their shingles
///   num_perm: 128
///   ngram: 5
///   shingles: words       # words | characters
///   seed: 1
/// </code>
/// </summary>
public sealed class DedupConfig
{
    /// <summary>The accepted <see cref="Method"/> values.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["minhash", "simhash"];

    /// <summary><c>minhash</c> (the default) or <c>simhash</c> (RedPajama's books).</summary>
    public string Method { get; set; } = "minhash";

    /// <summary>
    /// MinHash: confirm each LSH candidate by the exact Jaccard similarity of the shingle sets, with bands tuned for a
    /// threshold 0.1 lower (more recall; the exact check keeps precision).
    /// </summary>
    public bool Verify { get; set; }

    /// <summary>Whether near dedup runs: SimHash always, MinHash when <see cref="NearThreshold"/> is set.</summary>
    /// <returns>True when the pipeline gets a near-dedup step.</returns>
    public bool IsOn() => Method == "simhash" || NearThreshold is not null;

    /// <summary>Target Jaccard similarity; null turns MinHash near dedup off.</summary>
    public double? NearThreshold { get; set; }

    /// <summary>MinHash permutations.</summary>
    public int NumPerm { get; set; } = 128;

    /// <summary>Shingle length in words or characters.</summary>
    public int Ngram { get; set; } = 5;

    /// <summary><c>words</c> or <c>characters</c>.</summary>
    public string Shingles { get; set; } = "words";

    /// <summary>Seed of the hash functions; runs that must agree use the same seed.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The accepted near-dedup thresholds, for <c>dedup.near_threshold</c>, <c>run --near-dedup</c> and <c>dedup near --threshold</c> alike.</summary>
    public static NumberRange NearThresholdRange { get; } = NumberRange.Above(0, 1);

    /// <summary>The accepted MinHash permutations and shingle lengths.</summary>
    public static NumberRange AtLeastOne { get; } = NumberRange.AtLeast(1);

    /// <summary>The problems of this section, one message per bad key (<c>dedup.ngram must be at least 1 (got 0)</c>).</summary>
    /// <returns>The messages; empty when every setting is valid.</returns>
    public IEnumerable<string> Problems()
    {
        string?[] problems =
        [
            NearThreshold is { } threshold ? NearThresholdRange.Check("dedup.near_threshold", threshold) : null,
            AtLeastOne.Check("dedup.num_perm", NumPerm),
            AtLeastOne.Check("dedup.ngram", Ngram),
            Shingles is "words" or "characters" ? null : $"dedup.shingles must be words or characters (got '{Shingles}')",
            Methods.Contains(Method) ? null : $"dedup.method must be minhash or simhash (got '{Method}')",
            Verify && Method == "simhash" ? "dedup.verify applies to method minhash only" : null,
        ];
        return problems.OfType<string>();
    }
}
