using System.Buffers.Binary;
using RedPajama.Documents;

namespace RedPajama.Engine.Local;

/// <summary>
/// One keyed entry of a grouped step, sortable by key, then order key, then entry; its payload lives in the
/// partition's byte arena. On disk: key, order key, entry, payload length, payload.
/// </summary>
internal readonly record struct GroupEntry(UInt128 Key, OrderKey Order, int Entry, int PayloadOffset, int PayloadLength) : IComparable<GroupEntry>
{
    /// <summary>Bytes on disk before the payload.</summary>
    public const int HeaderBytes = 16 + 4 + 8 + 4 + 4;

    public int CompareTo(GroupEntry other)
    {
        int byKey = Key.CompareTo(other.Key);
        if (byKey != 0)
        {
            return byKey;
        }

        int byOrder = Order.CompareTo(other.Order);
        return byOrder != 0 ? byOrder : Entry.CompareTo(other.Entry);
    }

    public static void Write(BinaryWriter writer, UInt128 key, OrderKey order, int entry, ReadOnlySpan<byte> payload)
    {
        // One write per entry: the header laid out in a stack buffer (little-endian, as BinaryWriter writes).
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)(key >> 64));
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], (ulong)key);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], order.Input);
        BinaryPrimitives.WriteInt64LittleEndian(header[20..], order.Record);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], entry);
        BinaryPrimitives.WriteInt32LittleEndian(header[32..], payload.Length);
        writer.Write(header);
        writer.Write(payload);
    }

    public static (UInt128 Key, OrderKey Order, int Entry, int PayloadLength) ReadHeader(ReadOnlySpan<byte> header) =>
        (new UInt128(BinaryPrimitives.ReadUInt64LittleEndian(header), BinaryPrimitives.ReadUInt64LittleEndian(header[8..])),
         new OrderKey(BinaryPrimitives.ReadInt32LittleEndian(header[16..]), BinaryPrimitives.ReadInt64LittleEndian(header[20..])),
         BinaryPrimitives.ReadInt32LittleEndian(header[28..]),
         BinaryPrimitives.ReadInt32LittleEndian(header[32..]));
}
