using System.IO.Hashing;

namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// A bounded, allocation-free map from a text segment's bytes to its pieces (length and id pairs). It only
/// saves work — the pieces are what the segmenter would compute — and empties itself when full.
/// </summary>
internal sealed class SegmentCache
{
    /// <summary>Segments longer than this are segmented every time.</summary>
    public const int MaxSegmentLength = 128;

    private const int SlotCount = 1 << 18;
    private const int MaxEntries = SlotCount / 2;
    private const int ByteCapacity = 4 << 20;
    private const int ValueCapacity = 1 << 20;

    private readonly int[] _slots = new int[SlotCount];
    private readonly ulong[] _hashes = new ulong[MaxEntries];
    private readonly int[] _keyOffsets = new int[MaxEntries];
    private readonly int[] _keyLengths = new int[MaxEntries];
    private readonly int[] _valueOffsets = new int[MaxEntries];
    private readonly int[] _valueCounts = new int[MaxEntries];
    private readonly byte[] _bytes = new byte[ByteCapacity];
    private readonly int[] _values = new int[ValueCapacity];
    private int _entries;
    private int _byteCount;
    private int _valueCount;

    public static ulong Hash(ReadOnlySpan<byte> segment) => XxHash3.HashToUInt64(segment);

    /// <summary>Finds the pieces stored for <paramref name="segment"/>, as interleaved (length, id) values.</summary>
    public bool TryGet(ReadOnlySpan<byte> segment, ulong hash, out ReadOnlySpan<int> values)
    {
        for (int slot = (int)hash & (SlotCount - 1); ; slot = (slot + 1) & (SlotCount - 1))
        {
            int entry = _slots[slot] - 1;
            if (entry < 0)
            {
                values = default;
                return false;
            }

            if (_hashes[entry] == hash && _bytes.AsSpan(_keyOffsets[entry], _keyLengths[entry]).SequenceEqual(segment))
            {
                values = _values.AsSpan(_valueOffsets[entry], _valueCounts[entry]);
                return true;
            }
        }
    }

    /// <summary>Stores the pieces of a segment not yet in the cache.</summary>
    public void Add(ReadOnlySpan<byte> segment, ulong hash, ReadOnlySpan<int> values)
    {
        if (_entries == MaxEntries || _byteCount + segment.Length > ByteCapacity || _valueCount + values.Length > ValueCapacity)
        {
            Array.Clear(_slots);
            _entries = 0;
            _byteCount = 0;
            _valueCount = 0;
        }

        int entry = _entries++;
        _hashes[entry] = hash;
        _keyOffsets[entry] = _byteCount;
        _keyLengths[entry] = segment.Length;
        _valueOffsets[entry] = _valueCount;
        _valueCounts[entry] = values.Length;
        segment.CopyTo(_bytes.AsSpan(_byteCount));
        values.CopyTo(_values.AsSpan(_valueCount));
        _byteCount += segment.Length;
        _valueCount += values.Length;
        int slot = (int)hash & (SlotCount - 1);
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & (SlotCount - 1);
        }

        _slots[slot] = entry + 1;
    }
}
