using System.Runtime.ExceptionServices;
using RedPajama.Reading;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>
/// Turns an input failure of the decompressed stream (truncated or corrupt bzip2) into an early end, keeping the
/// failure for <see cref="ThrowIfFailed"/>: the text decoder and page splitter then hand out every page completed before
/// it, and the reader throws the failure itself (not "ends inside a page") after them.
/// </summary>
internal sealed class DeferredFailureStream(Stream inner) : Stream
{
    private ExceptionDispatchInfo? _failure;

    public bool Failed => _failure is not null;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void ThrowIfFailed() => _failure?.Throw();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_failure is not null)
        {
            return 0;
        }

        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (Exception e) when (InputError.IsInputFailure(e))
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            return 0;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

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
