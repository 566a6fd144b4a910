using System.Buffers.Binary;

namespace RedPajama.Udfs.FastText;

/// <summary>Reads a fastText model's little-endian fields from memory, turning a short file into an error that names the offset.</summary>
internal ref struct ModelReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _name;

    public ModelReader(ReadOnlySpan<byte> data, string name)
    {
        _data = data;
        _name = name;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly FastTextModelException Error(string problem) => new(_name, Position, problem);

    public ReadOnlySpan<byte> Take(long count)
    {
        if (count < 0 || count > _data.Length - Position)
        {
            throw Error($"the file ends: {count} more bytes expected, {_data.Length - Position} left");
        }

        ReadOnlySpan<byte> taken = _data.Slice(Position, (int)count);
        Position += (int)count;
        return taken;
    }

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => Take(1)[0] != 0;

    /// <summary>A NUL-terminated byte string (a dictionary word).</summary>
    public ReadOnlySpan<byte> ReadZeroTerminated()
    {
        int end = _data[Position..].IndexOf((byte)0);
        if (end < 0)
        {
            throw Error("a dictionary word has no terminating NUL before the end of the file");
        }

        ReadOnlySpan<byte> word = _data.Slice(Position, end);
        Position += end + 1;
        return word;
    }

    public float[] ReadFloats(long count)
    {
        if (count < 0 || count > int.MaxValue / 4)
        {
            throw Error($"a matrix of {count} floats is too large");
        }

        ReadOnlySpan<byte> bytes = Take(count * 4);
        var values = new float[count];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
        return values;
    }
}
