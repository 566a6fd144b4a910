using System.Runtime.InteropServices;
using Encoding = System.Text.Encoding;
using ParquetSharp;

namespace RedPajama.Writing;

/// <summary>
/// A row group's values of one UTF-8 string column, encoded when the row arrives into pinned chunks and written as
/// <see cref="ByteArray"/> values pointing into them.
/// </summary>
/// <remarks>
/// Buffering the strings themselves kept every document of a row group alive until the flush: they were promoted
/// through the GC generations (copied twice) and the flush then encoded them to UTF-8 anyway. Encoding on arrival lets
/// the document die young and hands the native writer the bytes it needs, with no copy at the flush. The bytes and the
/// levels are those <c>LogicalColumnWriter&lt;string&gt;</c> writes (<see cref="System.Text.Encoding.UTF8"/>, lone surrogates
/// as U+FFFD), so the file does not change.
/// </remarks>
internal sealed class ParquetUtf8Column
{
    /// <summary>Size of a pinned chunk; a longer value gets a pinned array of its own.</summary>
    internal const int ChunkBytes = 1 << 20;

    private readonly short _nullDefinition;

    // Chunks stay allocated across row groups: the next row group refills them.
    private readonly List<(byte[] Array, IntPtr Address)> _chunks = [];
    private readonly List<byte[]> _large = [];
    private ByteArray[] _values = new ByteArray[1024];
    private short[] _definitions = [];
    private int _valueCount;
    private int _rowCount;
    private int _chunk = -1;
    private int _used = ChunkBytes;

    /// <summary>Creates a column buffer.</summary>
    /// <param name="nullDefinition">
    /// The definition level of a null value (a present value is one higher), or -1 for a required column: 0 for a
    /// top-level optional column, 1 for an optional field of the optional <c>meta</c> struct.
    /// </param>
    public ParquetUtf8Column(short nullDefinition) => _nullDefinition = nullDefinition;

    /// <summary>Rows buffered.</summary>
    public int Count => _rowCount;

    /// <summary>Appends a row's value.</summary>
    /// <param name="value">The value; null only in an optional column.</param>
    public void Add(string? value)
    {
        if (_nullDefinition >= 0)
        {
            if (_rowCount == _definitions.Length)
            {
                Array.Resize(ref _definitions, Math.Max(1024, 2 * _definitions.Length));
            }

            _definitions[_rowCount] = (short)(value is null ? _nullDefinition : _nullDefinition + 1);
        }
        else
        {
            ArgumentNullException.ThrowIfNull(value);
        }

        _rowCount++;
        if (value is null)
        {
            return;
        }

        if (_valueCount == _values.Length)
        {
            Array.Resize(ref _values, 2 * _values.Length);
        }

        _values[_valueCount++] = Encode(value);
    }

    /// <summary>Writes the buffered rows to the row group's next column.</summary>
    /// <param name="column">The column, a byte-array column of this nullability.</param>
    public void Write(ColumnWriter column)
    {
        var writer = (ColumnWriter<ByteArray>)column;
        if (_nullDefinition < 0)
        {
            writer.WriteBatch(_values.AsSpan(0, _valueCount));
        }
        else
        {
            writer.WriteBatch(_rowCount, _definitions.AsSpan(0, _rowCount), default, _values.AsSpan(0, _valueCount));
        }

        // The values point into pinned arrays, so they must stay reachable until the native writer has copied them.
        GC.KeepAlive(_chunks);
        GC.KeepAlive(_large);
    }

    /// <summary>Forgets the rows (after <see cref="Write"/>), keeping the chunks for the next row group.</summary>
    public void Clear()
    {
        _valueCount = 0;
        _rowCount = 0;
        _chunk = -1;
        _used = ChunkBytes;
        _large.Clear();
    }

    private ByteArray Encode(string value)
    {
        // Most values fit the current chunk at the worst case of 3 bytes a UTF-16 unit; only the others are counted.
        int bound = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (bound > ChunkBytes - _used)
        {
            int length = Encoding.UTF8.GetByteCount(value);
            if (length > ChunkBytes)
            {
                byte[] own = GC.AllocateUninitializedArray<byte>(length, pinned: true);
                Encoding.UTF8.GetBytes(value, own);
                _large.Add(own);
                return new ByteArray(Marshal.UnsafeAddrOfPinnedArrayElement(own, 0), length);
            }

            if (_chunk < 0 || length > ChunkBytes - _used)
            {
                NextChunk();
            }
        }

        (byte[] array, IntPtr address) = _chunks[_chunk];
        int written = Encoding.UTF8.GetBytes(value, array.AsSpan(_used));
        var result = new ByteArray(address + _used, written);
        _used += written;
        return result;
    }

    private void NextChunk()
    {
        _chunk++;
        _used = 0;
        if (_chunk == _chunks.Count)
        {
            // Pinned-heap arrays never move, so their addresses are taken once.
            byte[] array = GC.AllocateUninitializedArray<byte>(ChunkBytes, pinned: true);
            _chunks.Add((array, Marshal.UnsafeAddrOfPinnedArrayElement(array, 0)));
        }
    }
}
