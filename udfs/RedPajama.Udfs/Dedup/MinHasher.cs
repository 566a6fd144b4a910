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
    // Shingle hashes minimised at a time, and words hashed at a time: enough to amortise the loops, small enough to stay in cache.
    private const int ShingleChunk = 4096;
    private const int WordChunk = 4096;

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
        uint[] chunk = System.Buffers.ArrayPool<uint>.Shared.Rent(ShingleChunk);
        try
        {
            ForEachShingleChunk(text, chunk, ref collector);
        }
        finally
        {
            System.Buffers.ArrayPool<uint>.Shared.Return(chunk);
        }

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

        // Shingle hashes are gathered a chunk at a time, then each block of hash functions runs over the chunk with
        // its multipliers, offsets and minima held in registers (the loops are interchanged so nothing is reloaded
        // per shingle). Chunks keep memory flat whatever the text's size.
        System.Buffers.ArrayPool<uint> pool = System.Buffers.ArrayPool<uint>.Shared;
        uint[] chunk = pool.Rent(ShingleChunk);
        uint[] minima = pool.Rent(_multipliers.Length);
        try
        {
            Array.Fill(minima, uint.MaxValue, 0, _multipliers.Length);
            var collector = new MinimumCollector(this, minima);
            ForEachShingleChunk(text, chunk, ref collector);
            if (!collector.Any)
            {
                return false;
            }

            minima.AsSpan(0, Permutations).CopyTo(destination);
            return true;
        }
        finally
        {
            pool.Return(chunk);
            pool.Return(minima);
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

    // Lowers each minimum to the smallest hash of the chunk under its function.
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
                var min = Vector512.Create((ReadOnlySpan<uint>)minima.Slice(block, 16));
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
                var min = Vector256.Create((ReadOnlySpan<uint>)minima.Slice(block, 8));
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
            uint min = minima[i];
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

    // Hands the shingle hashes of a text to the collector a chunk at a time (at most ShingleChunk of them).
    private void ForEachShingleChunk<TCollector>(string text, uint[] chunk, ref TCollector visit)
        where TCollector : struct, IShingleCollector
    {
        if (Kind == ShingleKind.Characters)
        {
            ForEachCharacterShingleChunk(text, chunk, ref visit);
            return;
        }

        // Words are hashed a chunk at a time; the last n - 1 words of a chunk start the next one, so every window
        // is visited exactly once and memory stays flat whatever the text's size.
        ulong[] words = System.Buffers.ArrayPool<ulong>.Shared.Rent(WordChunk + NGram);
        try
        {
            int position = 0;
            int carried = 0;
            while (true)
            {
                int total = carried + HashWords(text, ref position, words.AsSpan(carried, WordChunk));
                int shingles = WordShingles(words.AsSpan(0, total), chunk);
                if (shingles > 0)
                {
                    visit.Add(chunk.AsSpan(0, shingles));
                }

                if (position >= text.Length)
                {
                    break;
                }

                carried = Math.Min(NGram - 1, total);
                words.AsSpan(total - carried, carried).CopyTo(words);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(words);
        }
    }

    private void ForEachCharacterShingleChunk<TCollector>(string text, uint[] chunk, ref TCollector visit)
        where TCollector : struct, IShingleCollector
    {
        string lowered = text.ToLowerInvariant();
        string collapsed = string.Join(' ', lowered.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(collapsed.AsSpan());
        int count = 0;
        for (int i = 0; i + NGram <= collapsed.Length; i++)
        {
            chunk[count++] = (uint)XxHash3.HashToUInt64(bytes.Slice(2 * i, 2 * NGram));
            if (count == chunk.Length)
            {
                visit.Add(chunk);
                count = 0;
            }
        }

        if (count > 0)
        {
            visit.Add(chunk.AsSpan(0, count));
        }
    }

    /// <summary>
    /// Hashes each word (a maximal run of letters and digits) from <paramref name="position"/> as it is scanned:
    /// lower-cased, 64-bit FNV-1a over its UTF-16 units, then mixed. ASCII goes through a table, so the loop has one
    /// data-dependent branch, at word ends. Stops when <paramref name="hashes"/> is full, between two words.
    /// </summary>
    private static int HashWords(string text, ref int position, Span<ulong> hashes)
    {
        const ulong Basis = 0xCBF29CE484222325UL;
        ReadOnlySpan<byte> ascii = AsciiWordCharacters;
        ReadOnlySpan<char> characters = text.AsSpan(position);
        int count = 0;
        ulong hash = Basis;
        bool inWord = false;
        for (int i = 0; i < characters.Length; i++)
        {
            char c = characters[i];
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
                if (count == hashes.Length)
                {
                    // Stop between words, so the next call starts cleanly at this separator.
                    position += i;
                    return count;
                }
            }
        }

        if (inWord)
        {
            hashes[count++] = Finish(hash);
        }

        position = text.Length;
        return count;

        static ulong Finish(ulong hash)
        {
            hash ^= hash >> 33;
            hash *= 0xFF51AFD7ED558CCDUL;
            return hash ^ (hash >> 33);
        }
    }

    /// <summary>
    /// The hashes of the word shingles of a run of word hashes (at most one per word). A shingle's hash is the polynomial sum of its n word hashes, w_0·P^(n-1) + … + w_(n-1), kept rolling: the
    /// oldest word's term is subtracted and the newest added, so each word costs O(1) whatever n is.
    /// </summary>
    private int WordShingles(ReadOnlySpan<ulong> words, Span<uint> shingles)
    {
        const ulong Base = 0x9E3779B97F4A7C15UL;
        int n = NGram;
        if (words.Length < n)
        {
            return 0;
        }

        ulong oldestWeight = 1;
        ulong rolling = 0;
        for (int k = 0; k < n; k++)
        {
            rolling = (rolling * Base) + words[k];
            oldestWeight = k == 0 ? 1 : oldestWeight * Base;
        }

        int count = 0;
        shingles[count++] = (uint)(rolling ^ (rolling >> 32));
        for (int k = n; k < words.Length; k++)
        {
            rolling = ((rolling - (words[k - n] * oldestWeight)) * Base) + words[k];
            shingles[count++] = (uint)(rolling ^ (rolling >> 32));
        }

        return count;
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

    /// <summary>Receives shingle hashes a chunk at a time; a struct, so the loops call it without a delegate.</summary>
    private interface IShingleCollector
    {
        void Add(ReadOnlySpan<uint> hashes);
    }

    private struct SetCollector(HashSet<uint> set) : IShingleCollector
    {
        public readonly HashSet<uint> Set => set;

        public readonly void Add(ReadOnlySpan<uint> hashes)
        {
            foreach (uint hash in hashes)
            {
                set.Add(hash);
            }
        }
    }

    private struct MinimumCollector(MinHasher hasher, uint[] minima) : IShingleCollector
    {
        public bool Any { get; private set; }

        public void Add(ReadOnlySpan<uint> hashes)
        {
            Any = true;
            hasher.Minimise(hashes, minima.AsSpan(0, hasher._multipliers.Length));
        }
    }
}
