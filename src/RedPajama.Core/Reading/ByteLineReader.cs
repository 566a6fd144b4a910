namespace RedPajama.Reading;

/// <summary>
/// Splits a stream into LF-terminated lines of raw bytes (a trailing CR is removed), without decoding, so invalid
/// UTF-8 is left for the parser to report. Lines longer than a limit are skipped and reported, never buffered whole.
/// When the stream fails (a truncated archive), the complete lines read before the failure are still returned,
/// then the failure is thrown.
/// </summary>
internal sealed class ByteLineReader(Stream stream, int maxLineBytes)
{
    private const int ReadChunkBytes = 16 * 1024;

    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private Exception? _failure;

    /// <summary>
    /// Reads the next line; a failure of the input (<see cref="InputError.IsInputFailure"/>) is handed back instead of
    /// thrown, so that an iterator can first yield the record the failure broke off, then rethrow it.
    /// </summary>
    /// <param name="line">The line's bytes, valid until the next call; empty on a failure.</param>
    /// <param name="tooLong">True when the line exceeded the limit.</param>
    /// <param name="failure">The input's failure, or null.</param>
    /// <returns>False at the end of the stream or on a failure.</returns>
    public bool ReadLine(out ReadOnlyMemory<byte> line, out bool tooLong, out System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure)
    {
        failure = null;
        try
        {
            return ReadLine(out line, out tooLong);
        }
        catch (Exception exception) when (InputError.IsInputFailure(exception))
        {
            failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception);
            line = default;
            tooLong = false;
            return false;
        }
    }

    /// <summary>Reads the next line.</summary>
    /// <param name="line">The line's bytes, valid until the next call.</param>
    /// <param name="tooLong">True when the line exceeded the limit; <paramref name="line"/> is then empty.</param>
    /// <returns>False at the end of the stream.</returns>
    public bool ReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        tooLong = false;
        int scanFrom = _start;
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _end - scanFrom);
            if (newline >= 0)
            {
                line = Trim(_buffer.AsMemory(_start, newline - _start));
                _start = newline + 1;

                // A long line that arrived whole in one read is as much over the limit as one that did not.
                tooLong |= line.Length > maxLineBytes;
                if (tooLong)
                {
                    line = ReadOnlyMemory<byte>.Empty;
                }

                return true;
            }

            if (_eof)
            {
                if (_failure is not null)
                {
                    // Complete lines before a read error were returned; the partial line after it is not a record.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
                }

                if (_start == _end)
                {
                    line = ReadOnlyMemory<byte>.Empty;
                    return tooLong;
                }

                line = Trim(_buffer.AsMemory(_start, _end - _start));
                tooLong |= line.Length > maxLineBytes;
                line = tooLong ? ReadOnlyMemory<byte>.Empty : line;
                _start = _end;
                return true;
            }

            if (_end - _start >= maxLineBytes)
            {
                // Drop what we have of an over-long line and keep scanning for its end.
                tooLong = true;
                _start = _end;
            }

            scanFrom = _end;
            Fill(ref scanFrom);
        }
    }

    private void Fill(ref int scanFrom)
    {
        if (_start > 0)
        {
            int length = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
            scanFrom -= _start;
            _start = 0;
            _end = length;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(Math.Max(_buffer.Length * 2, 1 << 16), maxLineBytes + (1 << 16)));
        }

        int read;
        try
        {
            // Small reads: a decompressor that fails part way through a read loses what that read inflated.
            read = stream.Read(_buffer, _end, Math.Min(_buffer.Length - _end, ReadChunkBytes));
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or ICSharpCode.SharpZipLib.SharpZipBaseException or ZstdSharp.ZstdException)
        {
            _failure = exception;
            read = 0;
        }

        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
