using System.Runtime.CompilerServices;

namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>
/// KenLM's <c>trie</c> structure read in place (<c>lm/search_trie.*</c>, <c>lm/trie.*</c>, <c>lm/quantize.*</c>,
/// <c>lm/bhiksha.*</c>, <c>lm/vocab.cc</c>): the vocabulary is the sorted array of word hashes (id = position + 1,
/// <c>&lt;unk&gt;</c> is 0); unigrams are (probability, backoff, first child) records; each higher order is a
/// bit-packed array of (word id, weights, first child) sorted by context then word, so an n-gram's children — the
/// n+1-grams that extend it one word to the left — are the range from its first child to the next entry's. Weights are
/// 31-bit non-positive probabilities and 32-bit backoffs, or with <c>-q</c> indices into per-order tables of bin
/// centres; with <c>-a</c> the high bits of the child pointers live in a separate array of offsets.
/// </summary>
internal readonly unsafe struct TrieSearch : IKenLmSearch
{
    private const uint SignBit = 0x80000000u;
    private const byte QuantizeVersion = 2;
    private const byte BhikshaVersion = 0;

    private readonly ulong* _hashes;
    private readonly long _hashCount;
    private readonly byte* _unigrams;
    private readonly Level[] _middles;
    private readonly Level _longest;
    private readonly bool _quantized;

    private TrieSearch(ulong* hashes, long hashCount, byte* unigrams, Level[] middles, Level longest, bool quantized)
    {
        _hashes = hashes;
        _hashCount = hashCount;
        _unigrams = unigrams;
        _middles = middles;
        _longest = longest;
        _quantized = quantized;
    }

    /// <summary>Words in the vocabulary, <c>&lt;unk&gt;</c> included.</summary>
    public uint Bound => (uint)(_hashCount + 1);

    /// <summary>Lays the structure over the mapped bytes after the header; checks the vocabulary and child pointers it can check cheaply.</summary>
    /// <param name="start">The first byte after the header.</param>
    /// <param name="available">Bytes mapped from <paramref name="start"/>.</param>
    /// <param name="header">The header.</param>
    /// <param name="size">Bytes the vocabulary and search take.</param>
    /// <exception cref="InvalidDataException">The file is too short or damaged.</exception>
    public static TrieSearch Open(byte* start, long available, KenLmBinaryHeader header, out long size)
    {
        long[] counts = header.Counts;
        int order = counts.Length;
        bool quantized = header.ModelType is KenLmModelType.QuantTrie or KenLmModelType.QuantArrayTrie;
        bool array = header.ModelType is KenLmModelType.ArrayTrie or KenLmModelType.QuantArrayTrie;
        long offset = 8 + (8 * counts[0]);
        Need(offset + 8, available);
        long hashCount = (long)*(ulong*)start;
        if (hashCount < 0 || hashCount > counts[0])
        {
            throw new InvalidDataException($"the sorted vocabulary holds {hashCount} words for {counts[0]} unigrams");
        }

        // Quantisation: a version byte, the bits of probabilities and backoffs, then the bin centres per order.
        int probBits = 0, backoffBits = 0;
        float*[] probTables = new float*[order - 1];
        float*[] backoffTables = new float*[order - 1];
        if (quantized)
        {
            byte* quant = start + offset;
            (byte version, probBits, backoffBits) = (quant[0], quant[1], quant[2]);
            if (version != QuantizeVersion || probBits is < 1 or > 25 || backoffBits is < 1 or > 25)
            {
                throw new InvalidDataException($"quantisation version {version} with {probBits} probability and {backoffBits} backoff bits; version {QuantizeVersion} with 1 to 25 bits each is read");
            }

            float* table = (float*)(quant + 8);
            for (int k = 0; k < order - 2; k++)
            {
                probTables[k] = table;
                table += 1L << probBits;
                backoffTables[k] = table;
                table += 1L << backoffBits;
            }

            probTables[order - 2] = table;
            offset += ((order - 2) * ((1L << probBits) + (1L << backoffBits)) * 4) + ((1L << probBits) * 4) + 8;
            Need(offset, available);
        }

        long unigrams = offset;
        offset += (counts[0] + 2) * 16;
        Need(offset, available);

        // Array compression: its maximum bits are stored once, at the start of the first middle order.
        int bhikshaBits = 0;
        if (array && order > 2)
        {
            Need(offset + 2, available);
            byte version = start[offset];
            bhikshaBits = start[offset + 1];
            if (version != BhikshaVersion)
            {
                throw new InvalidDataException($"pointer compression version {version}; version {BhikshaVersion} is read");
            }
        }

        int wordBits = BitPacking.RequiredBits((ulong)counts[0]);
        int middleValueBits = quantized ? probBits + backoffBits : 63;
        var middles = new Level[order - 2];
        for (int n = 2; n < order; n++)
        {
            ulong entries = (ulong)counts[n - 1];
            ulong maxNext = (ulong)counts[n];
            int required = BitPacking.RequiredBits(maxNext);
            int chop = array ? ChopBits(entries + 1, maxNext, bhikshaBits) : 0;
            int inlineBits = required - chop;
            long offsetCount = array ? (long)(maxNext >> inlineBits) + 1 : 0;
            long bhikshaBytes = array ? (8 * (1 + offsetCount)) + 7 : 0;
            byte* levelStart = start + offset;
            ulong* offsets = null;
            if (array)
            {
                // The offsets start 8 bytes past the first 8-byte aligned address (the mapping is page aligned).
                byte* aligned = (byte*)(((nuint)levelStart + 7) & ~(nuint)7);
                offsets = (ulong*)aligned + 1;
            }

            int totalBits = wordBits + middleValueBits + inlineBits;
            long bytes = bhikshaBytes + (long)((((1 + entries) * (ulong)totalBits) + 7) / 8) + 8;
            Need(offset + bytes, available);
            middles[n - 2] = new Level(levelStart + bhikshaBytes, entries, wordBits, totalBits, wordBits + middleValueBits, inlineBits, offsets, offsetCount, probTables[n - 2], backoffTables[n - 2], probBits, backoffBits, (ulong)counts[0]);
            offset += bytes;
        }

        ulong longestEntries = (ulong)counts[^1];
        int longestBits = wordBits + (quantized ? probBits : 31);
        var longest = new Level(start + offset, longestEntries, wordBits, longestBits, 0, 0, null, 0, probTables[order - 2], null, probBits, 0, (ulong)counts[0]);
        offset += (long)((((1 + longestEntries) * (ulong)longestBits) + 7) / 8) + 8;
        Need(offset, available);
        size = offset;

        // Sorted hashes (lookups binary-search them) and monotone unigram child pointers (lookups index by them).
        ulong* hashes = (ulong*)(start + 8);
        for (long i = 1; i < hashCount; i++)
        {
            if (hashes[i] <= hashes[i - 1])
            {
                throw new InvalidDataException("the sorted vocabulary is not sorted");
            }
        }

        ulong previous = 0;
        ulong bigrams = (ulong)counts[1];
        for (long word = 0; word <= hashCount; word++)
        {
            ulong next = *(ulong*)(start + unigrams + (word * 16) + 8);
            if (next < previous || next > bigrams)
            {
                throw new InvalidDataException($"unigram {word} points to bigram {next}; there are {bigrams}");
            }

            previous = next;
        }

        var search = new TrieSearch(hashes, hashCount, start + unigrams, middles, longest, quantized);
        return search;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Index(ulong hash)
    {
        // Interpolation search, as KenLM's: the hashes are uniform, so the first guess is usually a cache line away.
        ulong low = 0, high = (ulong)_hashCount, lowKey = 0, highKey = ulong.MaxValue;
        while (high - low > 8)
        {
            if (hash < lowKey || hash > highKey)
            {
                return 0;
            }

            ulong pivot = low + (ulong)((double)(hash - lowKey) / ((double)(highKey - lowKey) + 1.0) * (long)(high - low));
            pivot = Math.Min(pivot, high - 1);
            ulong value = _hashes[pivot];
            if (value < hash)
            {
                low = pivot + 1;
                lowKey = value;
            }
            else if (value > hash)
            {
                high = pivot;
                highKey = value;
            }
            else
            {
                return (uint)(pivot + 1);
            }
        }

        for (; low < high; low++)
        {
            if (_hashes[low] == hash)
            {
                return (uint)(low + 1);
            }
        }

        return 0;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Unigram(uint word, out float backoff, out KenLmNode node, out bool independentLeft)
    {
        byte* entry = _unigrams + ((long)word * 16);
        backoff = Unsafe.ReadUnaligned<float>(entry + 4);
        node = new KenLmNode { Begin = Unsafe.ReadUnaligned<ulong>(entry + 8), End = Unsafe.ReadUnaligned<ulong>(entry + 24) };
        independentLeft = node.Begin == node.End;
        return Unsafe.ReadUnaligned<float>(entry);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Middle(int orderMinus2, uint word, ref KenLmNode node, out float probability, out float backoff, out bool independentLeft)
    {
        ref readonly Level level = ref _middles[orderMinus2];
        if (!level.Find(word, node, out ulong index))
        {
            probability = 0;
            backoff = 0;
            independentLeft = true;
            return false;
        }

        ulong bit = (index * (ulong)level.TotalBits) + (ulong)level.WordBits;
        if (_quantized)
        {
            int backoffBits = level.BackoffBits;
            backoff = level.BackoffTable[BitPacking.Read(level.Data, bit) & level.BackoffMask];
            probability = level.ProbabilityTable[BitPacking.Read(level.Data, bit + (ulong)backoffBits) & level.ProbabilityMask];
        }
        else
        {
            probability = BitConverter.UInt32BitsToSingle((uint)BitPacking.Read(level.Data, bit) | SignBit);
            backoff = BitConverter.UInt32BitsToSingle((uint)BitPacking.Read(level.Data, bit + 31));
        }

        level.Next(index, out node);
        independentLeft = node.Begin == node.End;
        return true;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Longest(uint word, in KenLmNode node, out float probability)
    {
        if (!_longest.Find(word, node, out ulong index))
        {
            probability = 0;
            return false;
        }

        ulong bit = (index * (ulong)_longest.TotalBits) + (ulong)_longest.WordBits;
        probability = _quantized
            ? _longest.ProbabilityTable[BitPacking.Read(_longest.Data, bit) & _longest.ProbabilityMask]
            : BitConverter.UInt32BitsToSingle((uint)BitPacking.Read(_longest.Data, bit) | SignBit);
        return true;
    }

    /// <inheritdoc/>
    public void Prefetch(uint word, uint* context, int length)
    {
        // Each trie lookup needs the range the previous one found: nothing to fetch ahead.
    }

    /// <summary>KenLM's choice of how many low pointer bits stay inline with array compression (<c>ChopBits</c>).</summary>
    private static int ChopBits(ulong maxOffset, ulong maxNext, int configuredBits)
    {
        int required = BitPacking.RequiredBits(maxNext);
        int best = 0;
        long lowest = long.MaxValue;
        for (int chop = 0; chop <= Math.Min(required, configuredBits); chop++)
        {
            long change = ((long)(maxNext >> (required - chop)) * 64) - ((long)maxOffset * chop);
            if (change < lowest)
            {
                lowest = change;
                best = chop;
            }
        }

        return best;
    }

    private static void Need(long bytes, long available)
    {
        if (bytes > available)
        {
            throw new InvalidDataException($"the file is truncated: its counts need at least {bytes} bytes of tables, {available} follow the header");
        }
    }

    /// <summary>One bit-packed order: entry i's word id at bit i · total, then its weights, then (middles) its first child.</summary>
    private readonly struct Level
    {
        public readonly byte* Data;
        public readonly ulong Entries;
        public readonly int WordBits;
        public readonly ulong WordMask;
        public readonly ulong MaxWord;
        public readonly int TotalBits;
        public readonly int NextShift;
        public readonly int InlineBits;
        public readonly ulong InlineMask;
        public readonly ulong* Offsets;
        public readonly long OffsetCount;
        public readonly float* ProbabilityTable;
        public readonly float* BackoffTable;
        public readonly ulong ProbabilityMask;
        public readonly ulong BackoffMask;
        public readonly int BackoffBits;

        public Level(byte* data, ulong entries, int wordBits, int totalBits, int nextShift, int inlineBits, ulong* offsets, long offsetCount, float* probabilityTable, float* backoffTable, int probabilityBits, int backoffBits, ulong maxWord)
        {
            Data = data;
            Entries = entries;
            WordBits = wordBits;
            WordMask = (1UL << wordBits) - 1;
            MaxWord = maxWord;
            TotalBits = totalBits;
            NextShift = nextShift;
            InlineBits = inlineBits;
            InlineMask = (1UL << inlineBits) - 1;
            Offsets = offsets;
            OffsetCount = offsetCount;
            ProbabilityTable = probabilityTable;
            BackoffTable = backoffTable;
            BackoffBits = backoffBits;
            ProbabilityMask = (1UL << probabilityBits) - 1;
            BackoffMask = (1UL << backoffBits) - 1;
        }

        /// <summary>Binary search of the children range for <paramref name="word"/> (entries are sorted by word within a range).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Find(uint word, in KenLmNode range, out ulong index)
        {
            ulong low = range.Begin, high = range.End;
            if (high > Entries || low > high)
            {
                ThrowRange(low, high, Entries);
            }

            // Interpolation search over the word ids (sorted within a range, spread over 0 to the vocabulary size),
            // then a scan of the last few entries.
            ulong lowKey = 0, highKey = MaxWord;
            while (high - low > 4)
            {
                if (word < lowKey || word > highKey)
                {
                    index = 0;
                    return false;
                }

                ulong pivot = Math.Min(high - 1, low + (ulong)((double)(long)(word - lowKey) * (long)(high - low) / (long)(highKey - lowKey + 1)));
                ulong key = BitPacking.Read(Data, pivot * (ulong)TotalBits) & WordMask;
                if (key < word)
                {
                    low = pivot + 1;
                    lowKey = key;
                }
                else if (key > word)
                {
                    high = pivot;
                    highKey = key;
                }
                else
                {
                    index = pivot;
                    return true;
                }
            }

            for (; low < high; low++)
            {
                if ((BitPacking.Read(Data, low * (ulong)TotalBits) & WordMask) == word)
                {
                    index = low;
                    return true;
                }
            }

            index = 0;
            return false;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowRange(ulong low, ulong high, ulong entries) =>
            throw new InvalidDataException($"a child range [{low}, {high}) points past the {entries} entries of its order (a damaged KenLM file)");

        /// <summary>The children of entry <paramref name="index"/>: its first-child pointer to the next entry's.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Next(ulong index, out KenLmNode node)
        {
            ulong bit = (index * (ulong)TotalBits) + (ulong)NextShift;
            ulong begin = BitPacking.Read(Data, bit) & InlineMask;
            ulong end = BitPacking.Read(Data, bit + (ulong)TotalBits) & InlineMask;
            if (Offsets != null)
            {
                // The high bits: the last offset position at or before index (upper_bound − 1), and for the end the
                // last at or before index + 1.
                long low = 0, high = OffsetCount;
                while (low < high)
                {
                    long middle = low + ((high - low) >> 1);
                    if (Offsets[middle] <= index)
                    {
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                long beginAt = low - 1;
                long endAt = beginAt + 1;
                while (endAt < OffsetCount && Offsets[endAt] <= index + 1)
                {
                    endAt++;
                }

                endAt--;
                begin |= (ulong)beginAt << InlineBits;
                end |= (ulong)endAt << InlineBits;
            }

            node = new KenLmNode { Begin = begin, End = end };
        }
    }
}
