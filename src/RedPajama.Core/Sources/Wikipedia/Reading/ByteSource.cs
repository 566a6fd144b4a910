namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>
/// A forward-only buffered view of a stream that counts the bytes handed out (<see cref="Consumed"/>) and can peek one
/// byte: the bzip2 decoder reads it byte by byte, and the multistream reader needs to know where each stream ended.
/// Does not own the inner stream.
/// </summary>
internal sealed class ByteSource : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _buffer;
    private int _position;
    private int _length;

    public ByteSource(Stream inner, int bufferSize = 1 << 16)
    {
        _inner = inner;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Bytes handed out so far.</summary>
    public long Consumed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Consumed;
        set => throw new NotSupportedException();
    }

    /// <summary>The next byte without consuming it, or -1 at the end.</summary>
    public int Peek() => _position < _length || Fill() ? _buffer[_position] : -1;

    public override int ReadByte()
    {
        if (_position >= _length && !Fill())
        {
            return -1;
        }

        Consumed++;
        return _buffer[_position++];
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (count == 0)
        {
            return 0;
        }

        if (_position >= _length && !Fill())
        {
            return 0;
        }

        int n = Math.Min(count, _length - _position);
        Buffer.BlockCopy(_buffer, _position, buffer, offset, n);
        _position += n;
        Consumed += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private bool Fill()
    {
        _position = 0;
        _length = _inner.Read(_buffer, 0, _buffer.Length);
        return _length > 0;
    }
}
