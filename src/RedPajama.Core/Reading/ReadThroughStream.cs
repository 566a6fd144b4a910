namespace RedPajama.Reading;

/// <summary>
/// A read-only view of another stream: reads, seeks, length and position pass through, writing is refused, and the
/// inner stream is disposed with the view only when the view owns it (a decompressor can then be disposed without
/// closing an archive that is read again).
/// </summary>
/// <param name="inner">The stream read.</param>
/// <param name="ownsInner">Whether disposing the view disposes <paramref name="inner"/>.</param>
internal class ReadThroughStream(Stream inner, bool ownsInner) : Stream
{
    /// <summary>The wrapped stream.</summary>
    public Stream Inner => inner;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
