namespace RedPajama.Configuration;

/// <summary>
/// The <c>dedup:</c> section of a run configuration: near-duplicate removal by MinHash-LSH across every input, after
/// the source's own steps (exact dedup stays with the source, for example <c>books.exact_dedup</c>).
/// <code>
/// dedup:
///   near_threshold: 0.8   # absent: no near dedup
///   num_perm: 128
///   ngram: 5
///   shingles: words       # words | characters
///   seed: 1
/// </code>
/// </summary>
public sealed class DedupConfig
{
    /// <summary>Target Jaccard similarity; null turns near dedup off.</summary>
    public double? NearThreshold { get; set; }

    /// <summary>MinHash permutations.</summary>
    public int NumPerm { get; set; } = 128;

    /// <summary>Shingle length in words or characters.</summary>
    public int Ngram { get; set; } = 5;

    /// <summary><c>words</c> or <c>characters</c>.</summary>
    public string Shingles { get; set; } = "words";

    /// <summary>Seed of the hash functions; runs that must agree use the same seed.</summary>
    public int Seed { get; set; } = 1;
}
