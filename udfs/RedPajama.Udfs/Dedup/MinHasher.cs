using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RedPajama.Udfs.Dedup;

/// <summary>
/// MinHash signatures: each shingle of a document (word or character n-grams of the lower-cased text) is hashed to
/// 32 bits (word shingles from rolling FNV-1a word hashes, character shingles with XXH3), then through <see cref="Permutations"/> hash functions h_i(x) = mix(a_i · (x ⊕ b_i)) (odd a_i,
/// all arithmetic on 32-bit lanes, 16 or 8 at a time with SIMD); a signature keeps the minimum of each. The fraction of
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
        uint[] minima = new uint[_multipliers.Length];
        if (!TrySignature(text, minima))
        {
            return [];
        }

        return minima.Length == Permutations ? minima : minima[..Permutations];
    }

    /// <summary>
    /// Writes the signature of a text into a caller's buffer (for example a slice of one array holding every
    /// document's signature), so signing allocates nothing per document.
    /// </summary>
    /// <param name="text">The document.</param>
    /// <param name="destination">At least <see cref="Permutations"/> values; only those are written.</param>
    /// <returns>False, with the destination untouched, when the text has no shingle.</returns>
    public bool TrySignature(string text, Span<uint> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Permutations);

        // Shingle hashes are gathered first, then each block of hash functions runs over all of them with its
        // multipliers, offsets and minima held in registers (the loops are interchanged so nothing is reloaded per
        // shingle). A text of n characters has fewer than n + 1 shingles of either kind.
        uint[] rented = System.Buffers.ArrayPool<uint>.Shared.Rent(text.Length + 1);
        try
        {
            var collector = new BufferCollector(rented);
            ForEachShingle(text, ref collector);
            if (collector.Count == 0)
            {
                return false;
            }

            Span<uint> minima = _multipliers.Length == destination.Length
                ? destination
                : stackalloc uint[_multipliers.Length];
            Minimise(rented.AsSpan(0, collector.Count), minima);
            if (minima != destination)
            {
                minima[..Permutations].CopyTo(destination);
            }

            return true;
        }
        finally
        {
            System.Buffers.ArrayPool<uint>.Shared.Return(rented);
        }
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

    private void Minimise(ReadOnlySpan<uint> hashes, Span<uint> minima)
    {
        ReadOnlySpan<uint> multipliers = _multipliers;
        ReadOnlySpan<uint> offsets = _offsets;
        int block = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var mix = Vector512.Create(0x45D9F3Bu);
            for (; block + 16 <= minima.Length; block += 16)
            {
                var a = Vector512.Create(multipliers.Slice(block, 16));
                var b = Vector512.Create(offsets.Slice(block, 16));
                var min = Vector512<uint>.AllBitsSet;
                foreach (uint hash in hashes)
                {
                    Vector512<uint> h = (Vector512.Create(hash) ^ b) * a;
                    h ^= Vector512.ShiftRightLogical(h, 16);
                    h *= mix;
                    h ^= Vector512.ShiftRightLogical(h, 16);
                    min = Vector512.Min(min, h);
                }

                min.CopyTo(minima.Slice(block, 16));
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var mix = Vector256.Create(0x45D9F3Bu);
            for (; block + 8 <= minima.Length; block += 8)
            {
                var a = Vector256.Create(multipliers.Slice(block, 8));
                var b = Vector256.Create(offsets.Slice(block, 8));
                var min = Vector256<uint>.AllBitsSet;
                foreach (uint hash in hashes)
                {
                    Vector256<uint> h = (Vector256.Create(hash) ^ b) * a;
                    h ^= Vector256.ShiftRightLogical(h, 16);
                    h *= mix;
                    h ^= Vector256.ShiftRightLogical(h, 16);
                    min = Vector256.Min(min, h);
                }

                min.CopyTo(minima.Slice(block, 8));
            }
        }

        for (int i = block; i < minima.Length; i++)
        {
            uint min = uint.MaxValue;
            foreach (uint hash in hashes)
            {
                uint h = (hash ^ offsets[i]) * multipliers[i];
                h ^= h >> 16;
                h *= 0x45D9F3Bu;
                h ^= h >> 16;
                min = Math.Min(min, h);
            }

            minima[i] = min;
        }
    }

    private void ForEachShingle<TCollector>(string text, ref TCollector visit)
        where TCollector : struct, IShingleCollector
    {
        if (Kind == ShingleKind.Characters)
        {
            ForEachCharacterShingle(text, ref visit);
            return;
        }

        ulong[] words = System.Buffers.ArrayPool<ulong>.Shared.Rent((text.Length / 2) + 1);
        try
        {
            ForEachWordShingle(words.AsSpan(0, HashWords(text, words)), ref visit);
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(words);
        }
    }

    private void ForEachCharacterShingle<TCollector>(string text, ref TCollector visit)
        where TCollector : struct, IShingleCollector
    {
        string lowered = text.ToLowerInvariant();
        string collapsed = string.Join(' ', lowered.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(collapsed.AsSpan());
        for (int i = 0; i + NGram <= collapsed.Length; i++)
        {
            visit.Add((uint)XxHash3.HashToUInt64(bytes.Slice(2 * i, 2 * NGram)));
        }
    }

    /// <summary>
    /// Hashes each word (a maximal run of letters and digits) as it is scanned: lower-cased, 64-bit FNV-1a over its
    /// UTF-16 units, then mixed. ASCII goes through a table, so the loop has one data-dependent branch, at word ends.
    /// </summary>
    private static int HashWords(string text, Span<ulong> hashes)
    {
        const ulong Basis = 0xCBF29CE484222325UL;
        ReadOnlySpan<byte> ascii = AsciiWordCharacters;
        int count = 0;
        ulong hash = Basis;
        bool inWord = false;
        foreach (char c in text)
        {
            uint folded = c < 128 ? ascii[c] : char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : 0u;
            if (folded != 0)
            {
                hash = (hash ^ folded) * 0x100000001B3UL;
                inWord = true;
            }
            else if (inWord)
            {
                hashes[count++] = Finish(hash);
                hash = Basis;
                inWord = false;
            }
        }

        if (inWord)
        {
            hashes[count++] = Finish(hash);
        }

        return count;

        static ulong Finish(ulong hash)
        {
            hash ^= hash >> 33;
            hash *= 0xFF51AFD7ED558CCDUL;
            return hash ^ (hash >> 33);
        }
    }

    /// <summary>
    /// A shingle's hash is the polynomial sum of its n word hashes, w_0·P^(n-1) + … + w_(n-1), kept rolling: the
    /// oldest word's term is subtracted and the newest added, so each word costs O(1) whatever n is.
    /// </summary>
    private void ForEachWordShingle<TCollector>(ReadOnlySpan<ulong> words, ref TCollector visit)
        where TCollector : struct, IShingleCollector
    {
        const ulong Base = 0x9E3779B97F4A7C15UL;
        int n = NGram;
        if (words.Length < n)
        {
            return;
        }

        ulong oldestWeight = 1;
        ulong rolling = 0;
        for (int k = 0; k < n; k++)
        {
            rolling = (rolling * Base) + words[k];
            oldestWeight = k == 0 ? 1 : oldestWeight * Base;
        }

        visit.Add((uint)(rolling ^ (rolling >> 32)));
        for (int k = n; k < words.Length; k++)
        {
            rolling = ((rolling - (words[k - n] * oldestWeight)) * Base) + words[k];
            visit.Add((uint)(rolling ^ (rolling >> 32)));
        }
    }

    /// <summary>Lower-cased value of each ASCII letter or digit; 0 for every other ASCII character.</summary>
    private static ReadOnlySpan<byte> AsciiWordCharacters =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 0, 0, 0, 0, 0, 0,
        0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
        112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
        0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
        112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
    ];

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

    private struct BufferCollector(uint[] buffer) : IShingleCollector
    {
        public int Count { get; private set; }

        public void Add(uint hash) => buffer[Count++] = hash;
    }
}
