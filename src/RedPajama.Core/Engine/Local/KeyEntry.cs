using RedPajama.Documents;

namespace RedPajama.Engine.Local;

/// <summary>One document's key for a keyed step, sortable by key and then order key.</summary>
internal readonly record struct KeyEntry(UInt128 Key, OrderKey Order) : IComparable<KeyEntry>
{
    public const int SerializedBytes = 16 + 4 + 8;

    public int CompareTo(KeyEntry other)
    {
        int byKey = Key.CompareTo(other.Key);
        return byKey != 0 ? byKey : Order.CompareTo(other.Order);
    }

    public void WriteTo(BinaryWriter writer)
    {
        writer.Write((ulong)(Key >> 64));
        writer.Write((ulong)Key);
        writer.Write(Order.Input);
        writer.Write(Order.Record);
    }

    public static KeyEntry ReadFrom(BinaryReader reader)
    {
        ulong high = reader.ReadUInt64();
        ulong low = reader.ReadUInt64();
        return new KeyEntry(new UInt128(high, low), new OrderKey(reader.ReadInt32(), reader.ReadInt64()));
    }
}
