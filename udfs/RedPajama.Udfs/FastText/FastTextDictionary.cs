using System.Text;

namespace RedPajama.Udfs.FastText;

/// <summary>
/// A fastText dictionary (<c>Dictionary::load</c>): words then labels, with counts, looked up by their bytes; and the
/// feature ids of a line as <c>Dictionary::getLine</c> builds them: a word's id and its character n-grams
/// (<c>&lt;word&gt;</c>, UTF-8 aware), hashed n-grams for unknown words, and hashed word n-grams, through the
/// prune index of a quantised model.
/// </summary>
internal sealed class FastTextDictionary
{
    /// <summary>The end-of-sentence token a newline becomes.</summary>
    public static readonly byte[] EndOfSentence = "</s>"u8.ToArray();

    private static readonly byte[] s_labelPrefix = "__label__"u8.ToArray();

    private readonly byte[] _bytes;
    private readonly int[] _offsets;
    private readonly long[] _counts;
    private readonly bool[] _isLabel;
    private readonly int[] _table;
    private readonly Dictionary<int, int>? _pruneIndex;
    private readonly long _pruneIndexSize;
    private readonly FastTextArgs _args;

    /// <summary>Builds a dictionary from counted entries, sorted as fastText sorts them (words first, by count).</summary>
    /// <param name="args">The model arguments.</param>
    /// <param name="entries">Entry bytes, counts and whether each is a label.</param>
    /// <param name="tokens">Tokens read (fastText's <c>ntokens</c>).</param>
    /// <returns>The dictionary.</returns>
    public static FastTextDictionary FromCounts(FastTextArgs args, IEnumerable<(byte[] Word, long Count, bool IsLabel)> entries, long tokens)
    {
        (byte[] Word, long Count, bool IsLabel)[] sorted = [.. entries.OrderBy(e => e.IsLabel).ThenByDescending(e => e.Count)];
        using var bytes = new MemoryStream();
        var offsets = new int[sorted.Length + 1];
        for (int i = 0; i < sorted.Length; i++)
        {
            offsets[i] = (int)bytes.Length;
            bytes.Write(sorted[i].Word);
        }

        offsets[sorted.Length] = (int)bytes.Length;
        int words = sorted.Count(e => !e.IsLabel);
        return new FastTextDictionary(args, words, sorted.Length - words, bytes.ToArray(), offsets, [.. sorted.Select(e => e.Count)], [.. sorted.Select(e => e.IsLabel)], -1, null)
        {
            TokenCount = tokens,
        };
    }

    /// <summary>Tokens the dictionary was built from (<c>ntokens</c>).</summary>
    public long TokenCount { get; private init; }

    /// <summary>Writes the dictionary as <c>Dictionary::save</c> does (no prune index).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(WordCount + LabelCount);
        writer.Write(WordCount);
        writer.Write(LabelCount);
        writer.Write(TokenCount);
        writer.Write(_pruneIndexSize);
        for (int i = 0; i < WordCount + LabelCount; i++)
        {
            writer.Write(Entry(i));
            writer.Write((byte)0);
            writer.Write(_counts[i]);
            writer.Write((byte)(_isLabel[i] ? 1 : 0));
        }

        foreach ((int first, int second) in _pruneIndex ?? [])
        {
            writer.Write(first);
            writer.Write(second);
        }
    }

    private FastTextDictionary(FastTextArgs args, int words, int labels, byte[] bytes, int[] offsets, long[] counts, bool[] isLabel, long pruneIndexSize, Dictionary<int, int>? pruneIndex)
    {
        _args = args;
        WordCount = words;
        LabelCount = labels;
        _bytes = bytes;
        _offsets = offsets;
        _counts = counts;
        _isLabel = isLabel;
        _pruneIndexSize = pruneIndexSize;
        _pruneIndex = pruneIndex;

        // Open addressing on fastText's own hash, as word2int_ does; any exact table would do.
        int size = (int)Math.Ceiling((words + labels) / 0.7) + 1;
        _table = new int[size];
        Array.Fill(_table, -1);
        for (int i = 0; i < words + labels; i++)
        {
            _table[Slot(Entry(i), Hash(Entry(i)))] = i;
        }
    }

    /// <summary>Words in the dictionary (labels follow them).</summary>
    public int WordCount { get; }

    /// <summary>Labels in the dictionary.</summary>
    public int LabelCount { get; }

    /// <summary>Whether a quantised model pruned the hashed features (only those in the prune index remain).</summary>
    public bool IsPruned => _pruneIndexSize >= 0;

    /// <summary>fastText's word hash: FNV-1a over the bytes, each sign-extended first (<c>uint32_t(int8_t(c))</c>).</summary>
    public static uint Hash(ReadOnlySpan<byte> word)
    {
        uint hash = 2166136261;
        foreach (byte b in word)
        {
            hash ^= (uint)(sbyte)b;
            hash *= 16777619;
        }

        return hash;
    }

    public static FastTextDictionary Read(ref ModelReader reader, FastTextArgs args)
    {
        int size = reader.ReadInt32();
        int words = reader.ReadInt32();
        int labels = reader.ReadInt32();
        long tokens = reader.ReadInt64();
        long pruneIndexSize = reader.ReadInt64();
        if (size < 0 || words < 0 || labels < 0 || words + labels != size)
        {
            throw reader.Error($"dictionary sizes do not add up: {words} words + {labels} labels != {size}");
        }

        using var bytes = new MemoryStream();
        var offsets = new int[size + 1];
        var counts = new long[size];
        var isLabel = new bool[size];
        for (int i = 0; i < size; i++)
        {
            offsets[i] = (int)bytes.Length;
            bytes.Write(reader.ReadZeroTerminated());
            counts[i] = reader.ReadInt64();
            byte type = reader.ReadByte();
            if (type > 1)
            {
                throw reader.Error($"dictionary entry {i} has type {type} (0 word, 1 label)");
            }

            isLabel[i] = type == 1;
        }

        offsets[size] = (int)bytes.Length;
        Dictionary<int, int>? pruneIndex = null;
        if (pruneIndexSize > 0)
        {
            pruneIndex = new Dictionary<int, int>((int)Math.Min(pruneIndexSize, 1 << 24));
            for (long i = 0; i < pruneIndexSize; i++)
            {
                int first = reader.ReadInt32();
                pruneIndex[first] = reader.ReadInt32();
            }
        }

        return new FastTextDictionary(args, words, labels, bytes.ToArray(), offsets, counts, isLabel, pruneIndexSize, pruneIndex) { TokenCount = tokens };
    }

    /// <summary>The bytes of entry <paramref name="id"/>.</summary>
    public ReadOnlySpan<byte> Entry(int id) => _bytes.AsSpan(_offsets[id], _offsets[id + 1] - _offsets[id]);

    /// <summary>The text of label <paramref name="label"/> (0-based among labels).</summary>
    public string Label(int label) => Encoding.UTF8.GetString(Entry(WordCount + label));

    /// <summary>Counts of the labels in dictionary order (the Huffman tree is built from them).</summary>
    public long[] LabelCounts() => _counts.AsSpan(WordCount, LabelCount).ToArray();

    /// <summary>The entry id of <paramref name="word"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> word, uint hash)
    {
        int id = _table[Slot(word, hash)];
        return id;
    }

    /// <summary>Whether an unknown token is a label (starts with <c>__label__</c>).</summary>
    public static bool LooksLikeLabel(ReadOnlySpan<byte> token) => token.StartsWith(s_labelPrefix);

    /// <summary>Whether entry <paramref name="id"/> is a label.</summary>
    public bool IsLabel(int id) => _isLabel[id];

    /// <summary>
    /// One token of <c>getLine</c>: a word adds its features and its hash (for word n-grams); a known label adds its
    /// index to <paramref name="labels"/> when given.
    /// </summary>
    public void AddToken(ReadOnlySpan<byte> token, FeatureScratch scratch, List<int>? labels)
    {
        uint hash = Hash(token);
        int id = Find(token, hash);
        bool isLabel = id >= 0 ? IsLabel(id) : LooksLikeLabel(token);
        if (!isLabel)
        {
            AddSubwords(scratch.Features, token, id, scratch.Bytes);
            scratch.WordHashes.Add((int)hash);
        }
        else if (id >= 0)
        {
            labels?.Add(id - WordCount);
        }
    }

    /// <summary><c>addSubwords</c>: a known word's id and n-grams, or an unknown word's n-grams.</summary>
    public void AddSubwords(List<int> features, ReadOnlySpan<byte> token, int wordId, Span<byte> scratch)
    {
        bool endOfSentence = token.SequenceEqual(EndOfSentence);
        if (wordId >= 0)
        {
            features.Add(wordId);
            if (_args.MaxN <= 0 || endOfSentence)
            {
                return;
            }
        }
        else if (endOfSentence)
        {
            return;
        }

        // "<" + token + ">"
        Span<byte> bracketed = token.Length + 2 <= scratch.Length ? scratch[..(token.Length + 2)] : new byte[token.Length + 2];
        bracketed[0] = (byte)'<';
        token.CopyTo(bracketed[1..]);
        bracketed[^1] = (byte)'>';
        ComputeSubwords(bracketed, features);
    }

    /// <summary><c>addWordNgrams</c>: hashes of word n-grams up to the model's length, with fastText's integer arithmetic.</summary>
    public void AddWordNgrams(List<int> features, List<int> hashes)
    {
        int n = _args.WordNgrams;
        for (int i = 0; i < hashes.Count; i++)
        {
            // uint64_t h = hashes[i] with hashes stored as int32: the sign extends.
            ulong h = (ulong)(long)hashes[i];
            for (int j = i + 1; j < hashes.Count && j < i + n; j++)
            {
                h = (h * 116049371UL) + (ulong)(long)hashes[j];
                PushHash(features, (int)(h % (ulong)(long)_args.Buckets));
            }
        }
    }

    private void ComputeSubwords(ReadOnlySpan<byte> word, List<int> features)
    {
        int maxN = _args.MaxN;
        int minN = _args.MinN;
        for (int i = 0; i < word.Length; i++)
        {
            if ((word[i] & 0xC0) == 0x80)
            {
                continue;
            }

            int j = i;
            for (int n = 1; j < word.Length && n <= maxN; n++)
            {
                j++;
                while (j < word.Length && (word[j] & 0xC0) == 0x80)
                {
                    j++;
                }

                if (n >= minN && !(n == 1 && (i == 0 || j == word.Length)))
                {
                    PushHash(features, (int)(Hash(word[i..j]) % (uint)_args.Buckets));
                }
            }
        }
    }

    private void PushHash(List<int> features, int id)
    {
        if (_pruneIndexSize == 0 || id < 0)
        {
            return;
        }

        if (_pruneIndexSize > 0)
        {
            if (!_pruneIndex!.TryGetValue(id, out id))
            {
                return;
            }
        }

        features.Add(WordCount + id);
    }

    private int Slot(ReadOnlySpan<byte> word, uint hash)
    {
        int slot = (int)(hash % (uint)_table.Length);
        while (_table[slot] != -1 && !Entry(_table[slot]).SequenceEqual(word))
        {
            slot = (slot + 1) % _table.Length;
        }

        return slot;
    }
}
