using System.Buffers.Binary;
using System.Text;

namespace RedPajama.Udfs.Quality;

/// <summary>
/// CPython's character classes and lower-case mapping for every code point, read from the embedded table that
/// <c>Quality/Unicode/make-tables.py</c> wrote from CPython's own <c>str</c> methods and <c>re</c>. Nothing here asks
/// the .NET runtime's Unicode data, whose version differs between .NET 8 (Spark workers) and .NET 10 (CLI).
/// </summary>
internal static class PythonCharacterTable
{
    /// <summary><c>str.isspace()</c>, <c>re</c>'s <c>\s</c>, and what <c>strip()</c>/<c>split()</c> remove.</summary>
    public const ushort Space = 1;

    /// <summary><c>re</c>'s <c>\w</c>: <c>isalnum()</c> or the underscore.</summary>
    public const ushort Word = 2;

    /// <summary><c>str.isalpha()</c>.</summary>
    public const ushort Alpha = 4;

    /// <summary><c>str.isupper()</c> of the character (Uppercase property).</summary>
    public const ushort Upper = 8;

    /// <summary><c>str.islower()</c> of the character (Lowercase property).</summary>
    public const ushort Lower = 16;

    /// <summary><c>str.isnumeric()</c>.</summary>
    public const ushort Numeric = 32;

    /// <summary><c>str.isdecimal()</c> and <c>re</c>'s <c>\d</c>.</summary>
    public const ushort Decimal = 64;

    /// <summary><c>str.isdigit()</c>.</summary>
    public const ushort Digit = 128;

    /// <summary>Title case (<c>istitle()</c> of the character and not upper case): makes <c>str.isupper()</c> false.</summary>
    public const ushort Title = 256;

    /// <summary>Cased, as the final-sigma rule of <c>str.lower()</c> asks.</summary>
    public const ushort Cased = 512;

    /// <summary>Case-ignorable: skipped by the final-sigma rule of <c>str.lower()</c>.</summary>
    public const ushort CaseIgnorable = 1024;

    /// <summary>A line boundary of <c>str.splitlines()</c>.</summary>
    public const ushort LineBreak = 2048;

    /// <summary><c>lower()</c> changes the character.</summary>
    public const ushort LowerChanges = 4096;

    // Marker for a lower case of more than one code point (U+0130 in Unicode 14.0).
    private const int LongMapping = 0x7FFFFFFF;
    private const int BlockBits = 8;
    private const int BlockSize = 1 << BlockBits;

    /// <summary>The Python version the table was generated with.</summary>
    public static readonly string PythonVersion;

    /// <summary>That Python's <c>unicodedata.unidata_version</c>.</summary>
    public static readonly string UnicodeVersion;

    // Flags of the BMP, directly indexed; above it, 256-code-point blocks shared by identical runs (mostly unassigned).
    private static readonly ushort[] s_bmp = new ushort[0x10000];
    private static readonly ushort[] s_astralBlockOf = new ushort[(0x110000 - 0x10000) >> BlockBits];
    private static readonly ushort[] s_astralBlocks;
    private static readonly Dictionary<int, int> s_lower = [];
    private static readonly Dictionary<int, string> s_longLower = [];

#pragma warning disable CA1810 // One pass over the resource fills every table; field initializers would read it repeatedly.
    static PythonCharacterTable()
#pragma warning restore CA1810
    {
        const string Name = "RedPajama.Udfs.Quality.Unicode.python-unicode.bin";
        using Stream stream = typeof(PythonCharacterTable).Assembly.GetManifestResourceStream(Name)
            ?? throw new InvalidOperationException($"the embedded resource {Name} is missing");
        var data = new byte[stream.Length];
        stream.ReadExactly(data);
        var reader = new TableReader(data);
        if (!reader.Bytes(5).SequenceEqual("PYUC\x01"u8))
        {
            throw new InvalidDataException($"{Name} is not a version-1 Python character table");
        }

        PythonVersion = reader.ShortString();
        UnicodeVersion = reader.ShortString();
        int comboCount = reader.Byte();
        var comboFlags = new ushort[comboCount];
        var comboDeltas = new int[comboCount];
        for (int i = 0; i < comboCount; i++)
        {
            comboFlags[i] = reader.UInt16();
            comboDeltas[i] = reader.Int32();
        }

        var astral = new List<ushort>();
        var blockIds = new Dictionary<BlockKey, ushort>();
        var block = new ushort[BlockSize];
        int codePoint = 0;
        uint runs = reader.UInt32();
        for (uint r = 0; r < runs; r++)
        {
            int length = reader.VarInt();
            int combo = reader.Byte();
            for (int end = codePoint + length; codePoint < end; codePoint++)
            {
                ushort flags = comboFlags[combo];
                if ((flags & LowerChanges) != 0 && comboDeltas[combo] != LongMapping)
                {
                    s_lower.Add(codePoint, codePoint + comboDeltas[combo]);
                }

                if (codePoint < 0x10000)
                {
                    s_bmp[codePoint] = flags;
                    continue;
                }

                block[codePoint & (BlockSize - 1)] = flags;
                if ((codePoint & (BlockSize - 1)) == BlockSize - 1)
                {
                    s_astralBlockOf[(codePoint - 0x10000) >> BlockBits] = InternBlock(block, astral, blockIds);
                }
            }
        }

        if (codePoint != 0x110000)
        {
            throw new InvalidDataException($"{Name} covers {codePoint:X} code points, not 0x110000");
        }

        s_astralBlocks = [.. astral];
        int longCount = reader.UInt16();
        for (int i = 0; i < longCount; i++)
        {
            int source = (int)reader.UInt32();
            var lowered = new StringBuilder();
            for (int n = reader.Byte(); n > 0; n--)
            {
                lowered.Append(char.ConvertFromUtf32((int)reader.UInt32()));
            }

            s_longLower.Add(source, lowered.ToString());
        }
    }

    /// <summary>The flags of a code point (0 for surrogates and anything outside Unicode).</summary>
    /// <param name="codePoint">A code point.</param>
    /// <returns>Its flags.</returns>
    public static ushort Flags(int codePoint)
    {
        if ((uint)codePoint < 0x10000)
        {
            return s_bmp[codePoint];
        }

        return (uint)codePoint < 0x110000
            ? s_astralBlocks[(s_astralBlockOf[(codePoint - 0x10000) >> BlockBits] << BlockBits) | (codePoint & (BlockSize - 1))]
            : (ushort)0;
    }

    /// <summary>The flags of every BMP code point, to be copied (and extended) by <see cref="PythonText"/>.</summary>
    public static ReadOnlySpan<ushort> Bmp => s_bmp;

    /// <summary>
    /// Appends <c>chr(codePoint).lower()</c> when it differs from the character; the caller checks
    /// <see cref="LowerChanges"/> first. The context rule of the capital sigma is the caller's.
    /// </summary>
    /// <param name="codePoint">A code point whose flags have <see cref="LowerChanges"/>.</param>
    /// <param name="output">Receives the lower case.</param>
    public static void AppendLower(int codePoint, CharBuffer output)
    {
        if (s_lower.TryGetValue(codePoint, out int lower))
        {
            if (lower < 0x10000)
            {
                output.Append((char)lower);
            }
            else
            {
                Span<char> pair = stackalloc char[2];
                output.Append(pair[..new Rune(lower).EncodeToUtf16(pair)]);
            }
        }
        else
        {
            output.Append(s_longLower[codePoint]);
        }
    }

    private static ushort InternBlock(ushort[] block, List<ushort> blocks, Dictionary<BlockKey, ushort> ids)
    {
        var key = new BlockKey(block);
        if (!ids.TryGetValue(key, out ushort id))
        {
            id = checked((ushort)(blocks.Count / BlockSize));
            blocks.AddRange(block);
            ids.Add(new BlockKey((ushort[])block.Clone()), id);
        }

        return id;
    }

    /// <summary>A block's flags compared by content, to store each distinct block once.</summary>
    private readonly struct BlockKey(ushort[] flags) : IEquatable<BlockKey>
    {
        private readonly ushort[] _flags = flags;

        public bool Equals(BlockKey other) => _flags.AsSpan().SequenceEqual(other._flags);

        public override bool Equals(object? obj) => obj is BlockKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_flags.AsSpan()));
            return hash.ToHashCode();
        }
    }

    /// <summary>Reads the little-endian fields of the table.</summary>
    private ref struct TableReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public ReadOnlySpan<byte> Bytes(int count)
        {
            ReadOnlySpan<byte> bytes = _data.Slice(_position, count);
            _position += count;
            return bytes;
        }

        public int Byte() => Bytes(1)[0];

        public ushort UInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));

        public string ShortString() => Encoding.UTF8.GetString(Bytes(Byte()));

        public int VarInt()
        {
            int value = 0;
            for (int shift = 0; ; shift += 7)
            {
                int b = Byte();
                value |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
