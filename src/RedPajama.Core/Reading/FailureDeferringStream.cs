namespace RedPajama.Reading;

/// <summary>
/// Wraps an input's stored bytes so that a read that fails (a download given up part way) first ends the stream and
/// only the next read throws. A decompressor that fills its buffer with several reads (SharpZipLib's inflater)
/// would otherwise drop the bytes it already had when the failing read throws; this way it inflates them, the reader
/// completes the records they hold, and the failure comes after them — as a truncated local gzip behaves. The
/// engines report <see cref="Failure"/> as the input's error whatever the decompressor made of the early end.
/// </summary>
/// <param name="inner">The stream; disposed with this one.</param>
internal sealed class FailureDeferringStream(Stream inner) : Stream
{
    /// <summary>The inner stream's failure, once a read failed.</summary>
    public Exception? Failure { get; private set; }

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

    public override int Read(Span<byte> buffer)
    {
        if (Failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(Failure);
        }

        try
        {
            return inner.Read(buffer);
        }
        catch (Exception exception) when (exception is IOException)
        {
            Failure = exception;
            return 0;
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
