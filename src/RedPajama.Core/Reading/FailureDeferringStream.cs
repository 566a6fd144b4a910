using System.Runtime.ExceptionServices;

namespace RedPajama.Reading;

/// <summary>
/// Turns a read that fails with an input failure (<see cref="InputError.IsInputFailure"/>: a download given up part
/// way, a truncated or corrupt bzip2 stream) into an early end, and keeps the failure. A consumer that fills its buffer
/// with several reads (SharpZipLib's inflater, a text decoder and page splitter) would otherwise drop the bytes it
/// already had when the failing read throws; this way it hands out the records they complete, and the failure comes
/// after them: on the next read (<c>rethrowOnNextRead</c>, for decompressors over a download, whose engines report
/// <see cref="Failure"/> as the input's error whatever the decompressor made of the early end), or when the reader asks
/// (<see cref="ThrowIfFailed"/>, so that a dump reader throws the failure itself rather than "ends inside a page").
/// </summary>
/// <param name="inner">The stream; disposed with this one.</param>
/// <param name="rethrowOnNextRead">True: a read after the failure throws it; false: reads keep returning 0.</param>
internal sealed class FailureDeferringStream(Stream inner, bool rethrowOnNextRead = true) : ReadThroughStream(inner, ownsInner: true)
{
    /// <summary>The inner stream's failure, once a read failed.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Throws the failure, with its own stack, if a read failed.</summary>
    public void ThrowIfFailed()
    {
        if (Failure is not null)
        {
            ExceptionDispatchInfo.Throw(Failure);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (Failure is not null)
        {
            if (rethrowOnNextRead)
            {
                ExceptionDispatchInfo.Throw(Failure);
            }

            return 0;
        }

        try
        {
            return Inner.Read(buffer);
        }
        catch (Exception exception) when (InputError.IsInputFailure(exception))
        {
            Failure = exception;
            return 0;
        }
    }
}
