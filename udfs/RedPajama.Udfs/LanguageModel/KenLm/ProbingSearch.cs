using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>
/// KenLM's <c>probing</c> structure read in place (<c>lm/search_hashed.*</c>, <c>lm/vocab.cc</c>,
/// <c>util/probing_hash_table.hh</c>): a vocabulary hash table (word hash → id), the unigram weights indexed by id, and
/// for each higher order a linear-probing table keyed by a hash of the word ids, newest word first. Tables have
/// <c>max(n + 1, ⌊multiplier · n⌋)</c> buckets, entries start at <c>key mod buckets</c> and key 0 marks an empty bucket.
/// A probability's sign bit is cleared when a longer n-gram ends in this one, so the search knows when to stop.
/// </summary>
internal readonly unsafe struct ProbingSearch : IKenLmSearch
{
    private const int VocabularyEntry = 12;
    private const int LongestEntry = 12;
    private const uint SignBit = 0x80000000u;

    private readonly byte* _vocabulary;
    private readonly ulong _vocabularyBuckets;
    private readonly byte* _unigrams;
    private readonly int _weightBytes;
    private readonly HashTable[] _middles;
    private readonly HashTable _longest;

    private ProbingSearch(byte* vocabulary, ulong vocabularyBuckets, byte* unigrams, int weightBytes, HashTable[] middles, HashTable longest)
    {
        _vocabulary = vocabulary;
        _vocabularyBuckets = vocabularyBuckets;
        _unigrams = unigrams;
        _weightBytes = weightBytes;
        _middles = middles;
        _longest = longest;
    }

    /// <summary>Words in the vocabulary, <c>&lt;unk&gt;</c> included (the vocabulary header's bound).</summary>
    public uint Bound { get; private init; }

    /// <summary>Buckets of a table of <paramref name="entries"/> (<c>ProbingHashTable::Size</c>, float arithmetic as KenLM's).</summary>
    public static ulong Buckets(long entries, float multiplier) => Math.Max((ulong)entries + 1, (ulong)(multiplier * (float)entries));

    /// <summary>Lays the structure over the mapped bytes after the header; checks the vocabulary table.</summary>
    /// <param name="start">The first byte after the header.</param>
    /// <param name="available">Bytes mapped from <paramref name="start"/>.</param>
    /// <param name="header">The header.</param>
    /// <param name="size">Bytes the vocabulary and search take.</param>
    /// <exception cref="InvalidDataException">The file is too short or the vocabulary table is damaged.</exception>
    public static ProbingSearch Open(byte* start, long available, KenLmBinaryHeader header, out long size)
    {
        long[] counts = header.Counts;
        int weightBytes = header.ModelType == KenLmModelType.RestProbing ? 12 : 8;
        ulong vocabularyBuckets = Buckets(counts[0], header.ProbingMultiplier);
        long offset = 8 + (long)vocabularyBuckets * VocabularyEntry;
        long unigrams = offset;
        offset += (counts[0] + 1) * weightBytes;
        var middles = new HashTable[counts.Length - 2];
        for (int n = 2; n < counts.Length; n++)
        {
            ulong buckets = Buckets(counts[n - 1], header.ProbingMultiplier);
            middles[n - 2] = new HashTable(start + offset, buckets, 8 + weightBytes);
            offset += (long)buckets * (8 + weightBytes);
        }

        ulong longestBuckets = Buckets(counts[^1], header.ProbingMultiplier);
        var longest = new HashTable(start + offset, longestBuckets, LongestEntry);
        offset += (long)longestBuckets * LongestEntry;
        size = offset;
        if (offset > available)
        {
            throw new InvalidDataException($"the file is truncated: its counts need {offset} bytes of tables, {available} follow the header");
        }

        uint version = *(uint*)start;
        uint bound = *(uint*)(start + 4);
        if (version != 0 || bound < 1 || bound > counts[0] + 1)
        {
            throw new InvalidDataException($"probing vocabulary version {version}, {bound} words for {counts[0]} unigrams");
        }

        // Every id the vocabulary can return must index the unigram array, so no lookup reads outside the mapping.
        byte* table = start + 8;
        for (ulong bucket = 0; bucket < vocabularyBuckets; bucket++)
        {
            byte* entry = table + (bucket * VocabularyEntry);
            if (Unsafe.ReadUnaligned<ulong>(entry) != 0 && Unsafe.ReadUnaligned<uint>(entry + 8) is var id && (id == 0 || id >= bound))
            {
                throw new InvalidDataException($"the vocabulary table holds word id {id}; the vocabulary has {bound} words");
            }
        }

        return new ProbingSearch(table, vocabularyBuckets, start + unigrams, weightBytes, middles, longest) { Bound = bound };
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Index(ulong hash)
    {
        ulong bucket = hash % _vocabularyBuckets;
        for (ulong probes = 0; probes < _vocabularyBuckets; probes++)
        {
            byte* entry = _vocabulary + (bucket * VocabularyEntry);
            ulong key = Unsafe.ReadUnaligned<ulong>(entry);
            if (key == hash)
            {
                return Unsafe.ReadUnaligned<uint>(entry + 8);
            }

            if (key == 0)
            {
                return 0;
            }

            bucket = bucket + 1 == _vocabularyBuckets ? 0 : bucket + 1;
        }

        throw Full();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Unigram(uint word, out float backoff, out KenLmNode node, out bool independentLeft)
    {
        byte* weights = _unigrams + ((long)word * _weightBytes);
        uint probability = Unsafe.ReadUnaligned<uint>(weights);
        backoff = Unsafe.ReadUnaligned<float>(weights + 4);
        node = new KenLmNode { Begin = word };
        independentLeft = (probability & SignBit) != 0;
        return BitConverter.UInt32BitsToSingle(probability | SignBit);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Middle(int orderMinus2, uint word, ref KenLmNode node, out float probability, out float backoff, out bool independentLeft)
    {
        node.Begin = Combine(node.Begin, word);
        byte* entry = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_middles), orderMinus2).Find(node.Begin);
        if (entry == null)
        {
            probability = 0;
            backoff = 0;
            independentLeft = true;
            return false;
        }

        uint bits = Unsafe.ReadUnaligned<uint>(entry + 8);
        probability = BitConverter.UInt32BitsToSingle(bits | SignBit);
        backoff = Unsafe.ReadUnaligned<float>(entry + 12);
        independentLeft = (bits & SignBit) != 0;
        return true;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Longest(uint word, in KenLmNode node, out float probability)
    {
        byte* entry = _longest.Find(Combine(node.Begin, word));
        probability = entry == null ? 0 : Unsafe.ReadUnaligned<float>(entry + 8);
        return entry != null;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(uint word, uint* context, int length)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        // The lookups of one word are a chain (each stops the next), but their keys are known up front, so the cache
        // misses of the higher orders can overlap instead of following one another.
        ulong key = word;
        int middles = _middles.Length;
        ref HashTable first = ref MemoryMarshal.GetArrayDataReference(_middles);
        for (int k = 0; k < length; k++)
        {
            key = Combine(key, context[k]);
            Sse.Prefetch0(k < middles ? Unsafe.Add(ref first, k).Bucket(key) : _longest.Bucket(key));
        }
    }

    /// <summary>KenLM's hash of an n-gram extended one word to the left (<c>CombineWordHash</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Combine(ulong current, uint next) =>
        (current * 8978948897894561157UL) ^ ((1UL + next) * 17894857484156487943UL);

    private static InvalidDataException Full() =>
        new("a probing hash table has no empty bucket (a damaged KenLM file)");

    /// <summary>One order's linear-probing table: 64-bit key, then the weights.</summary>
    private readonly struct HashTable(byte* start, ulong buckets, int entryBytes)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public byte* Bucket(ulong key) => start + ((key % buckets) * (ulong)entryBytes);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public byte* Find(ulong key)
        {
            ulong bucket = key % buckets;
            for (ulong probes = 0; probes < buckets; probes++)
            {
                byte* entry = start + (bucket * (ulong)entryBytes);
                ulong got = Unsafe.ReadUnaligned<ulong>(entry);
                if (got == key)
                {
                    return entry;
                }

                if (got == 0)
                {
                    return null;
                }

                bucket = bucket + 1 == buckets ? 0 : bucket + 1;
            }

            throw Full();
        }
    }
}
