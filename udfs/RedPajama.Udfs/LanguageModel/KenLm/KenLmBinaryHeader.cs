using System.Buffers.Binary;
using System.Text;

namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>
/// The header of a KenLM binary model (<c>lm/binary_format.cc</c>, format version 5): a sanity block (the magic text
/// and test values that fix byte order and type sizes), the fixed-width parameters and the n-gram counts. The model's
/// data structures start at <see cref="Size"/>.
/// </summary>
internal sealed class KenLmBinaryHeader
{
    /// <summary>The magic text every KenLM binary file of any version starts with.</summary>
    public static ReadOnlySpan<byte> MagicPrefix => "mmap lm http://kheafield.com/code"u8;

    /// <summary>Bytes of the sanity block.</summary>
    internal const int SanitySize = 88;

    /// <summary>Bytes of the fixed-width parameters.</summary>
    internal const int FixedSize = 20;
    private const string VersionText = "mmap lm http://kheafield.com/code format version ";

    private KenLmBinaryHeader(KenLmModelType type, float probingMultiplier, bool hasVocabulary, uint searchVersion, long[] counts)
    {
        ModelType = type;
        ProbingMultiplier = probingMultiplier;
        HasVocabulary = hasVocabulary;
        SearchVersion = searchVersion;
        Counts = counts;
        Size = Align8(SanitySize + FixedSize + (8L * counts.Length));
    }

    /// <summary>The data structure.</summary>
    public KenLmModelType ModelType { get; }

    /// <summary>Hash table space per entry (<c>build_binary -p</c>).</summary>
    public float ProbingMultiplier { get; }

    /// <summary>Whether the words follow the model as NUL-terminated strings.</summary>
    public bool HasVocabulary { get; }

    /// <summary>The data structure's version (0 for probing, 1 for trie).</summary>
    public uint SearchVersion { get; }

    /// <summary>n-grams per order; index 0 is the vocabulary size as the file counts it.</summary>
    public long[] Counts { get; }

    /// <summary>The order.</summary>
    public int Order => Counts.Length;

    /// <summary>Bytes before the vocabulary table.</summary>
    public long Size { get; }

    /// <summary>Rounds up to a multiple of 8 (KenLM aligns its sections so).</summary>
    public static long Align8(long value) => (value + 7) & ~7L;

    /// <summary>Reads and checks the header.</summary>
    /// <exception cref="InvalidDataException">Not a usable KenLM binary header (with the reason).</exception>
    public static KenLmBinaryHeader Read(ReadOnlySpan<byte> file)
    {
        ReadOnlySpan<byte> incomplete = "mmap lm http://kheafield.com/code incomplete\n"u8;
        if (file.StartsWith(incomplete))
        {
            throw new InvalidDataException("build_binary did not finish writing this file (its header says 'incomplete')");
        }

        if (file.Length < SanitySize + FixedSize)
        {
            throw new InvalidDataException($"the file has {file.Length} bytes, fewer than a KenLM header");
        }

        if (!file[..SanitySize].SequenceEqual(Sanity()))
        {
            string head = Encoding.ASCII.GetString(file[..Math.Min(file.Length, 56)]);
            if (head.StartsWith(VersionText, StringComparison.Ordinal) && !head.StartsWith(VersionText + "5\n", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"KenLM binary format version '{head[VersionText.Length..].Split('\n')[0]}'; only version 5 is read (rebuild it from the ARPA file)");
            }

            throw new InvalidDataException("the KenLM header's test values do not match (another byte order or type sizes, or a damaged file)");
        }

        ReadOnlySpan<byte> fixedPart = file.Slice(SanitySize, FixedSize);
        int order = fixedPart[0];
        float multiplier = BinaryPrimitives.ReadSingleLittleEndian(fixedPart[4..]);
        uint type = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[8..]);
        byte hasVocabulary = fixedPart[12];
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[16..]);
        if (type > (uint)KenLmModelType.QuantArrayTrie)
        {
            throw new InvalidDataException($"unknown KenLM model type {type}");
        }

        if (order < 2 || order > KenLmState.MaxOrder)
        {
            throw new InvalidDataException($"order {order}; KenLM binary models of order 2 to {KenLmState.MaxOrder} are read");
        }

        if (!(multiplier >= 1.0f) || hasVocabulary > 1)
        {
            throw new InvalidDataException($"probing multiplier {multiplier}, vocabulary flag {hasVocabulary}: not a KenLM header");
        }

        uint expectedVersion = (KenLmModelType)type is KenLmModelType.Probing or KenLmModelType.RestProbing ? 0u : 1u;
        if (version != expectedVersion)
        {
            throw new InvalidDataException($"{(KenLmModelType)type} data structure version {version}; version {expectedVersion} is read");
        }

        if (file.Length < SanitySize + FixedSize + (8 * order))
        {
            throw new InvalidDataException("the file ends inside the header's n-gram counts");
        }

        long[] counts = new long[order];
        for (int i = 0; i < order; i++)
        {
            ulong count = BinaryPrimitives.ReadUInt64LittleEndian(file[(SanitySize + FixedSize + (8 * i))..]);
            if (count == 0 || count >= 1UL << 56)
            {
                throw new InvalidDataException($"{i + 1}-gram count {count}");
            }

            counts[i] = (long)count;
        }

        if (counts[0] >= uint.MaxValue)
        {
            throw new InvalidDataException($"{counts[0]} words; KenLM word ids are 32-bit");
        }

        return new KenLmBinaryHeader((KenLmModelType)type, multiplier, hasVocabulary == 1, version, counts);
    }

    /// <summary>The sanity block as this format's writer lays it out (little-endian, 8-byte aligned).</summary>
    internal static byte[] Sanity()
    {
        byte[] block = new byte[SanitySize];
        "mmap lm http://kheafield.com/code format version 5\n"u8.CopyTo(block);
        Span<byte> values = block.AsSpan(56);
        BinaryPrimitives.WriteSingleLittleEndian(values, 0f);
        BinaryPrimitives.WriteSingleLittleEndian(values[4..], 1f);
        BinaryPrimitives.WriteSingleLittleEndian(values[8..], -0.5f);
        BinaryPrimitives.WriteUInt32LittleEndian(values[12..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(values[16..], uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(values[20..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(values[24..], 1);
        return block;
    }
}
