using RedPajama.Documents;

namespace RedPajama.Engine.Local;

/// <summary>
/// Writes an entry file: the entries (<see cref="GroupEntry"/>'s layout), then a trailer with how many there are and
/// their payload bytes, so the grouping sizes its partitions and buffers exactly instead of guessing from file sizes.
/// </summary>
internal sealed class GroupEntryWriter : IDisposable
{
    /// <summary>Bytes of the trailer: the entry count and the payload bytes, two int64s.</summary>
    public const int TrailerBytes = 16;

    private readonly BinaryWriter _writer;
    private long _entries;
    private long _payloadBytes;

    public GroupEntryWriter(string path, int bufferBytes = 1 << 14) =>
        _writer = new BinaryWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferBytes));

    public void Write(UInt128 key, OrderKey order, int entry, ReadOnlySpan<byte> payload)
    {
        GroupEntry.Write(_writer, key, order, entry, payload);
        _entries++;
        _payloadBytes += payload.Length;
    }

    /// <summary>The entry count and payload bytes an entry file's trailer records.</summary>
    public static (long Entries, long PayloadBytes) Count(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        using var reader = new BinaryReader(file);
        file.Seek(-TrailerBytes, SeekOrigin.End);
        return (reader.ReadInt64(), reader.ReadInt64());
    }

    public void Dispose()
    {
        _writer.Write(_entries);
        _writer.Write(_payloadBytes);
        _writer.Dispose();
    }
}
