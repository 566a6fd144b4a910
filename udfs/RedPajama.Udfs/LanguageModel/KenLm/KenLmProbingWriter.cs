using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Text;

namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>
/// Writes a model in KenLM's <c>probing</c> binary format (what <c>build_binary probing</c> writes, multiplier 1.5), so
/// that this project and KenLM's own tools read the same file. The layout is the one <see cref="ProbingSearch"/> reads:
/// header, vocabulary hash table, unigram weights by id, one linear-probing table per higher order, then the words.
/// As <c>build_binary</c>: a probability's sign bit is cleared when a longer n-gram ends in the n-gram (the search
/// must go on), and a zero backoff is +0.0 when a longer n-gram starts with the n-gram, −0.0 otherwise.
/// </summary>
internal static unsafe class KenLmProbingWriter
{
    private const float Multiplier = 1.5f;
    private const uint SignBit = 0x80000000u;

    /// <summary>Writes the model.</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="words">The words by id; id 0 is <c>&lt;unk&gt;</c>.</param>
    /// <param name="orders">The n-grams of each order (every suffix and context of an n-gram present, as the ARPA reader leaves them).</param>
    public static void Write(string path, IReadOnlyList<string> words, IReadOnlyList<INGramTable> orders)
    {
        int order = orders.Count;
        if (order < 2 || order > KenLmState.MaxOrder)
        {
            throw new InvalidOperationException($"KenLM's probing format holds orders 2 to {KenLmState.MaxOrder}; this model has order {order}");
        }

        long[] counts = new long[order];
        counts[0] = words.Count;
        for (int n = 2; n <= order; n++)
        {
            counts[n - 1] = orders[n - 1].Count;
        }

        var header = new KenLmBinaryHeaderWriter(counts, Multiplier);
        ulong vocabularyBuckets = ProbingSearch.Buckets(counts[0], Multiplier);
        long vocabularyBytes = 8 + ((long)vocabularyBuckets * 12);
        long unigramBytes = (counts[0] + 1) * 8;
        long size = header.Size + vocabularyBytes + unigramBytes;
        ulong[] buckets = new ulong[order];
        long[] starts = new long[order];
        for (int n = 2; n <= order; n++)
        {
            buckets[n - 1] = ProbingSearch.Buckets(counts[n - 1], Multiplier);
            starts[n - 1] = size;
            size += (long)buckets[n - 1] * (n == order ? 12 : 16);
        }

        var strings = new MemoryStream();
        strings.Write("<unk>\0"u8);
        for (int id = 1; id < words.Count; id++)
        {
            strings.Write(Encoding.UTF8.GetBytes(words[id]));
            strings.WriteByte(0);
        }

        (bool[][] extendsLeft, bool[][] isContext) = Flags(orders);
        File.Delete(path);
        using (var mapping = MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, null, size + strings.Length, MemoryMappedFileAccess.ReadWrite))
        using (MemoryMappedViewAccessor view = mapping.CreateViewAccessor(0, size + strings.Length, MemoryMappedFileAccess.ReadWrite))
        {
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            try
            {
                byte* file = pointer + view.PointerOffset;
                header.WriteTo(new Span<byte>(file, (int)header.Size));

                // The vocabulary: version 0, the number of ids, then (hash, id) by linear probing; <unk> is not in it.
                byte* vocabulary = file + header.Size;
                *(uint*)vocabulary = 0;
                *(uint*)(vocabulary + 4) = (uint)words.Count;
                for (int id = 1; id < words.Count; id++)
                {
                    byte* entry = Insert(vocabulary + 8, vocabularyBuckets, 12, MurmurHash64A.Hash(Encoding.UTF8.GetBytes(words[id])));
                    Unsafe.WriteUnaligned(entry + 8, (uint)id);
                }

                byte* unigrams = vocabulary + vocabularyBytes;
                INGramTable first = orders[0];
                for (int entry = 0; entry < first.Count; entry++)
                {
                    byte* weights = unigrams + ((long)first.Words(entry)[0] * 8);
                    Unsafe.WriteUnaligned(weights, Probability(first.Probability(entry), extendsLeft[0][entry]));
                    Unsafe.WriteUnaligned(weights + 4, Backoff(first.Backoff(entry), isContext[0][entry]));
                }

                for (int n = 2; n <= order; n++)
                {
                    INGramTable table = orders[n - 1];
                    bool highest = n == order;
                    for (int entry = 0; entry < table.Count; entry++)
                    {
                        byte* slot = Insert(file + starts[n - 1], buckets[n - 1], highest ? 12 : 16, Key(table.Words(entry)));
                        Unsafe.WriteUnaligned(slot + 8, Probability(table.Probability(entry), !highest && extendsLeft[n - 1][entry]));
                        if (!highest)
                        {
                            Unsafe.WriteUnaligned(slot + 12, Backoff(table.Backoff(entry), isContext[n - 1][entry]));
                        }
                    }
                }

                strings.GetBuffer().AsSpan(0, (int)strings.Length).CopyTo(new Span<byte>(file + size, (int)strings.Length));
            }
            finally
            {
                view.SafeMemoryMappedViewHandle.ReleasePointer();
            }

            view.Flush();
        }
    }

    /// <summary>The hash of an n-gram: its newest word, extended leftwards word by word.</summary>
    private static ulong Key(ReadOnlySpan<int> words)
    {
        ulong key = (uint)words[^1];
        for (int i = words.Length - 2; i >= 0; i--)
        {
            key = ProbingSearch.Combine(key, (uint)words[i]);
        }

        return key;
    }

    private static byte* Insert(byte* table, ulong buckets, int entryBytes, ulong key)
    {
        ulong bucket = key % buckets;
        while (true)
        {
            byte* entry = table + (bucket * (ulong)entryBytes);
            ulong got = Unsafe.ReadUnaligned<ulong>(entry);
            if (got == 0 || got == key)
            {
                Unsafe.WriteUnaligned(entry, key);
                return entry;
            }

            bucket = bucket + 1 == buckets ? 0 : bucket + 1;
        }
    }

    private static uint Probability(float probability, bool extendsLeft)
    {
        uint bits = BitConverter.SingleToUInt32Bits(probability);
        return extendsLeft ? bits & ~SignBit : bits | SignBit;
    }

    private static float Backoff(float backoff, bool isContext) =>
        backoff != 0f ? backoff : isContext ? 0f : -0f;

    /// <summary>Per entry below the highest order: whether a longer n-gram ends with it, and whether one starts with it.</summary>
    private static (bool[][] ExtendsLeft, bool[][] IsContext) Flags(IReadOnlyList<INGramTable> orders)
    {
        bool[][] extendsLeft = [.. orders.Select(o => new bool[o.Count])];
        bool[][] isContext = [.. orders.Select(o => new bool[o.Count])];
        for (int n = 2; n <= orders.Count; n++)
        {
            INGramTable table = orders[n - 1], shorter = orders[n - 2];
            for (int entry = 0; entry < table.Count; entry++)
            {
                ReadOnlySpan<int> words = table.Words(entry);
                int suffix = shorter.Find(words[1..]);
                int context = shorter.Find(words[..^1]);
                if (suffix < 0 || context < 0)
                {
                    throw new InvalidOperationException($"a {n}-gram's {(suffix < 0 ? "suffix" : "context")} is not a {n - 1}-gram");
                }

                extendsLeft[n - 2][suffix] = true;
                isContext[n - 2][context] = true;
            }
        }

        return (extendsLeft, isContext);
    }
}
