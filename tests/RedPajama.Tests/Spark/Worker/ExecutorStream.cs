using System.Buffers.Binary;
using System.Text;

namespace RedPajama.Tests.Spark.Worker;

/// <summary>
/// The framing Spark's <c>PythonRunner</c> uses on the worker socket (Java's <c>DataOutputStream</c>): big-endian
/// ints and longs, one-byte booleans, strings as an int length and UTF-8 bytes.
/// </summary>
internal sealed class ExecutorStream(Stream stream)
{
    /// <summary>End of the data section (<c>SpecialLengths.END_OF_DATA_SECTION</c>).</summary>
    public const int EndOfDataSection = -1;

    /// <summary>The worker failed; a string with the exception follows.</summary>
    public const int PythonExceptionThrown = -2;

    /// <summary>Timing data follows: three longs of times and two of spill sizes.</summary>
    public const int TimingData = -3;

    /// <summary>End of the task's stream.</summary>
    public const int EndOfStream = -4;

    public void Write(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }

    public void Write(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        stream.Write(bytes);
    }

    public void Write(bool value) => stream.WriteByte(value ? (byte)1 : (byte)0);

    public void Write(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        Write(bytes.Length);
        stream.Write(bytes);
    }

    /// <summary>A length-prefixed block (a command, a pickled batch).</summary>
    public void WriteBlock(byte[] bytes)
    {
        Write(bytes.Length);
        stream.Write(bytes);
    }

    public void Flush() => stream.Flush();

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(ReadExactly(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(ReadExactly(8));

    public string ReadString() => Encoding.UTF8.GetString(ReadExactly(ReadInt32()));

    public byte[] ReadExactly(int count)
    {
        byte[] bytes = new byte[count];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
