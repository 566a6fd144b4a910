using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RedPajama.Udfs.Dedup;

/// <summary>
/// MinHash signatures: each shingle of a document (word or character n-grams of the lower-cased text) is hashed to
/// 32 bits with XXH3, then through <see cref="Permutations"/> hash functions h_i(x) = mix(a_i · (x ⊕ b_i)) (odd a_i,
/// all arithmetic on 32-bit lanes, eight at a time with SIMD); a signature keeps the minimum of each. The fraction of
/// equal minima estimates the Jaccard similarity of the two shingle sets. A document with no shingle (shorter than n)
/// gets an empty signature and is never a candidate. Deterministic for a seed; thread-safe.
/// </summary>
public sealed class MinHasher
{
    private readonly uint[] _multipliers;
    private readonly uint[] _offsets;

    /// <summary>Creates a hasher.</summary>
    /// <param name="permutations">Signature length (a multiple of 8 is fastest).</param>
    /// <param name="ngram">Shingle length in words or characters.</param>
    /// <param name="kind">Word or character shingles.</param>
    /// <param name="seed">Seed of the hash functions.</param>
    public MinHasher(int permutations = 128, int ngram = 5, ShingleKind kind = ShingleKind.Words, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ngram, 1);
        Permutations = permutations;
        NGram = ngram;
        Kind = kind;
        var random = new Random(seed);
        int padded = (permutations + 7) / 8 * 8;
        _multipliers = new uint[padded];
        _offsets = new uint[padded];
        for (int i = 0; i < padded; i++)
        {
            _multipliers[i] = (uint)random.NextInt64(0, 1L << 32) | 1u;
            _offsets[i] = (uint)random.NextInt64(0, 1L << 32);
        }
    }

    /// <summary>Signature length.</summary>
    public int Permutations { get; }

    /// <summary>Shingle length.</summary>
    public int NGram { get; }

    /// <summary>Shingle kind.</summary>
    public ShingleKind Kind { get; }

    /// <summary>The distinct 32-bit shingle hashes of a text (what the signature summarises; exact Jaccard uses them).</summary>
    /// <param name="text">The document.</param>
    /// <returns>The hashes, unordered.</returns>
    public HashSet<uint> Shingles(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = new HashSet<uint>();
        ForEachShingle(text, hash => set.Add(hash));
        return set;
    }

    /// <summary>The signature of a text; empty when it has no shingle.</summary>
    /// <param name="text">The document.</param>
    /// <returns>The minima, one per permutation.</returns>
    public uint[] Signature(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        uint[] minima = new uint[_multipliers.Length];
        Array.Fill(minima, uint.MaxValue);
        bool any = false;
        ForEachShingle(text, hash =>
        {
            any = true;
            Update(minima, hash);
        });
        return any ? minima[..Permutations] : [];
    }

    /// <summary>Estimated Jaccard similarity of two signatures (0 when either is empty).</summary>
    public static double EstimatedSimilarity(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.IsEmpty || b.IsEmpty || a.Length != b.Length)
        {
            return 0;
        }

        int equal = 0;
        for (int i = 0; i < a.Length; i++)
        {
            equal += a[i] == b[i] ? 1 : 0;
        }

        return (double)equal / a.Length;
    }

    private void Update(uint[] minima, uint hash)
    {
        Span<uint> mins = minima;
        ReadOnlySpan<uint> multipliers = _multipliers;
        ReadOnlySpan<uint> offsets = _offsets;
        if (Vector256.IsHardwareAccelerated)
        {
            var x = Vector256.Create(hash);
            for (int i = 0; i < mins.Length; i += 8)
            {
                Vector256<uint> h = (x ^ Vector256.Create(offsets.Slice(i, 8))) * Vector256.Create(multipliers.Slice(i, 8));
                h ^= Vector256.ShiftRightLogical(h, 16);
                h *= Vector256.Create(0x45D9F3Bu);
                h ^= Vector256.ShiftRightLogical(h, 16);
                Vector256.Min(h, Vector256.Create((ReadOnlySpan<uint>)mins.Slice(i, 8))).CopyTo(mins.Slice(i, 8));
            }

            return;
        }

        for (int i = 0; i < mins.Length; i++)
        {
            uint h = (hash ^ offsets[i]) * multipliers[i];
            h ^= h >> 16;
            h *= 0x45D9F3Bu;
            h ^= h >> 16;
            mins[i] = Math.Min(mins[i], h);
        }
    }

    private void ForEachShingle(string text, Action<uint> visit)
    {
        string lowered = text.ToLowerInvariant();
        if (Kind == ShingleKind.Characters)
        {
            string collapsed = string.Join(' ', lowered.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(collapsed.AsSpan());
            for (int i = 0; i + NGram <= collapsed.Length; i++)
            {
                visit((uint)XxHash3.HashToUInt64(bytes.Slice(2 * i, 2 * NGram)));
            }

            return;
        }

        // Each word is hashed once; a shingle combines the hashes of its n words, so no string is built per shingle.
        var wordHashes = new List<ulong>();
        int position = 0;
        while (position < lowered.Length)
        {
            while (position < lowered.Length && !char.IsLetterOrDigit(lowered[position]))
            {
                position++;
            }

            int start = position;
            while (position < lowered.Length && char.IsLetterOrDigit(lowered[position]))
            {
                position++;
            }

            if (position > start)
            {
                wordHashes.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(lowered.AsSpan(start, position - start))));
            }
        }

        for (int i = 0; i + NGram <= wordHashes.Count; i++)
        {
            ulong combined = 0;
            for (int k = i; k < i + NGram; k++)
            {
                combined = (combined * 0x9E3779B97F4A7C15UL) + wordHashes[k];
            }

            visit((uint)(combined ^ (combined >> 32)));
        }
    }
}
