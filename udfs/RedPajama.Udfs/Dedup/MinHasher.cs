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
[System.Runtime.CompilerServices.SkipLocalsInit]
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
        var collector = new SetCollector(new HashSet<uint>());
        ForEachShingle(text, ref collector);
        return collector.Set;
    }

    /// <summary>The signature of a text; empty when it has no shingle.</summary>
    /// <param name="text">The document.</param>
    /// <returns>The minima, one per permutation.</returns>
    public uint[] Signature(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collector = new MinimumCollector(this, new uint[_multipliers.Length]);
        Array.Fill(collector.Minima, uint.MaxValue);
        ForEachShingle(text, ref collector);
        if (!collector.Any)
        {
            return [];
        }

        return collector.Minima.Length == Permutations ? collector.Minima : collector.Minima[..Permutations];
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
        if (Vector512.IsHardwareAccelerated && mins.Length % 16 == 0)
        {
            var x = Vector512.Create(hash);
            for (int i = 0; i < mins.Length; i += 16)
            {
                Vector512<uint> h = (x ^ Vector512.Create(offsets.Slice(i, 16))) * Vector512.Create(multipliers.Slice(i, 16));
                h ^= Vector512.ShiftRightLogical(h, 16);
                h *= Vector512.Create(0x45D9F3Bu);
                h ^= Vector512.ShiftRightLogical(h, 16);
                Vector512.Min(h, Vector512.Create((ReadOnlySpan<uint>)mins.Slice(i, 16))).CopyTo(mins.Slice(i, 16));
            }

            return;
        }

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

    private void ForEachShingle<TCollector>(string text, ref TCollector visit)
        where TCollector : struct, IShingleCollector
    {
        if (Kind == ShingleKind.Characters)
        {
            string lowered = text.ToLowerInvariant();
            string collapsed = string.Join(' ', lowered.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(collapsed.AsSpan());
            for (int i = 0; i + NGram <= collapsed.Length; i++)
            {
                visit.Add((uint)XxHash3.HashToUInt64(bytes.Slice(2 * i, 2 * NGram)));
            }

            return;
        }

        // Each word is lower-cased into a buffer and hashed once; a shingle combines the hashes of its n words, so no
        // string is built per word or shingle.
        Span<ulong> recent = stackalloc ulong[NGram];
        Span<char> word = stackalloc char[128];
        int seen = 0;
        int position = 0;
        while (position < text.Length)
        {
            while (position < text.Length && !char.IsLetterOrDigit(text[position]))
            {
                position++;
            }

            int start = position;
            while (position < text.Length && char.IsLetterOrDigit(text[position]))
            {
                position++;
            }

            int length = position - start;
            if (length == 0)
            {
                continue;
            }

            ReadOnlySpan<char> source = text.AsSpan(start, length);
            ulong wordHash = length <= word.Length
                ? XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word[..source.ToLowerInvariant(word)]))
                : XxHash3.HashToUInt64(MemoryMarshal.AsBytes(source.ToString().ToLowerInvariant().AsSpan()));
            recent[seen % NGram] = wordHash;
            seen++;
            if (seen >= NGram)
            {
                ulong combined = 0;
                for (int k = seen - NGram; k < seen; k++)
                {
                    combined = (combined * 0x9E3779B97F4A7C15UL) + recent[k % NGram];
                }

                visit.Add((uint)(combined ^ (combined >> 32)));
            }
        }
    }

    /// <summary>Receives shingle hashes; a struct, so the shingle loop calls it without a delegate.</summary>
    private interface IShingleCollector
    {
        void Add(uint hash);
    }

    private struct SetCollector(HashSet<uint> set) : IShingleCollector
    {
        public readonly HashSet<uint> Set => set;

        public readonly void Add(uint hash) => set.Add(hash);
    }

    private struct MinimumCollector(MinHasher hasher, uint[] minima) : IShingleCollector
    {
        public readonly uint[] Minima => minima;

        public bool Any { get; private set; }

        public void Add(uint hash)
        {
            Any = true;
            hasher.Update(minima, hash);
        }
    }
}
