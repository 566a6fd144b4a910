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
        writer.Write((ulong)(key >> 64));
        writer.Write((ulong)key);
        writer.Write(order.Input);
        writer.Write(order.Record);
        writer.Write(entry);
        writer.Write(payload.Length);
        writer.Write(payload);
    }
}
