using RedPajama.Documents;

namespace RedPajama.Engine.Local;

/// <summary>Reads entry files (<see cref="GroupEntryWriter"/>) back one entry at a time, the payload into a reused buffer.</summary>
internal sealed class GroupEntryReader : IDisposable
{
    private readonly BinaryReader _reader;
    private readonly long _length;
    private long _position;
    private byte[] _payload = new byte[64];

    public GroupEntryReader(string path)
    {
        _reader = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
        // Asking the stream for its position and length per entry costs system calls; the file does not change.
        _length = _reader.BaseStream.Length - GroupEntryWriter.TrailerBytes;
    }

    public UInt128 Key { get; private set; }

    public OrderKey Order { get; private set; }

    public int Entry { get; private set; }

    /// <summary>The current entry's payload, valid until the next <see cref="TryRead"/>.</summary>
    public ReadOnlySpan<byte> Payload => _payload.AsSpan(0, PayloadLength);

    public int PayloadLength { get; private set; }

    public bool TryRead()
    {
        if (_position >= _length)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GroupEntry.HeaderBytes];
        _reader.BaseStream.ReadExactly(header);
        (Key, Order, Entry, PayloadLength) = GroupEntry.ReadHeader(header);
        if (PayloadLength > _payload.Length)
        {
            _payload = new byte[Math.Max(PayloadLength, _payload.Length * 2)];
        }

        _reader.BaseStream.ReadExactly(_payload, 0, PayloadLength);
        _position += GroupEntry.HeaderBytes + PayloadLength;
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
