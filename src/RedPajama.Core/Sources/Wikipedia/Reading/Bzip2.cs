using ICSharpCode.SharpZipLib.BZip2;
using RedPajama.Reading;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>
/// bzip2 decompression for MediaWiki dumps: a file may be many concatenated bzip2 streams (the
/// <c>*-multistream*.xml.bz2</c> dumps, ~100 pages a stream), which are decoded one after another as
/// <c>bzip2 -d</c> and Python's <c>bz2</c> do, by the system's libbz2 when there is one (<see cref="LibBzip2"/>), else
/// by SharpZipLib. A file that ends inside a stream throws (<see cref="InvalidDataException"/>, or SharpZipLib's
/// <see cref="EndOfStreamException"/>), never ends quietly; bytes after the last stream that are not another stream
/// throw <see cref="InvalidDataException"/>.
/// </summary>
public static class Bzip2
{
    /// <summary>Whether <paramref name="path"/> names a bzip2 file (<c>.bz2</c>).</summary>
    /// <param name="path">A file path or name.</param>
    /// <returns>True for <c>.bz2</c>.</returns>
    public static bool IsBzip2(string path) =>
        path is not null && path.EndsWith(".bz2", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes every bzip2 stream of <paramref name="raw"/>, from its current position to its end.</summary>
    /// <param name="raw">The compressed bytes.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="raw"/> open.</param>
    /// <returns>The decompressed bytes.</returns>
    public static Stream OpenRead(Stream raw, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return Open(raw, long.MaxValue, leaveOpen, LibBzip2.IsAvailable);
    }

    /// <summary>
    /// Decodes the bzip2 streams of <paramref name="raw"/> (positioned at a stream start) that lie within the next
    /// <paramref name="length"/> bytes; the last one must end exactly there, else the read throws
    /// <see cref="InvalidDataException"/> (a range boundary that is not a stream start).
    /// </summary>
    /// <param name="raw">The compressed bytes, positioned at a stream start.</param>
    /// <param name="length">Compressed bytes to decode.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="raw"/> open.</param>
    /// <returns>The decompressed bytes.</returns>
    public static Stream OpenRange(Stream raw, long length, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return Open(raw, length, leaveOpen, LibBzip2.IsAvailable);
    }

    /// <summary>Whether the system's libbz2 decodes (else SharpZipLib).</summary>
    public static bool NativeDecoder => LibBzip2.IsAvailable;

    /// <summary>The decoder of <paramref name="native"/>'s choice over the streams in the next <paramref name="limit"/> bytes.</summary>
    internal static Stream Open(Stream raw, long limit, bool leaveOpen, bool native) =>
        native ? new NativeBzip2Decoder(raw, limit, leaveOpen) : new MultiStreamDecoder(raw, limit, leaveOpen);

    /// <summary>Opens a file and decodes the streams in <c>[start, end)</c>; see <see cref="OpenRange(Stream, long, bool)"/>.</summary>
    /// <param name="path">A bzip2 file.</param>
    /// <param name="start">Offset of a stream start.</param>
    /// <param name="end">Offset where the last stream to decode ends (a stream start or the file's end).</param>
    /// <returns>The decompressed bytes; disposing it closes the file.</returns>
    public static Stream OpenRange(string path, long start, long end)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            file.Seek(start, SeekOrigin.Begin);
            return Open(file, end - start, leaveOpen: false, LibBzip2.IsAvailable);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Concatenated bzip2 streams as one stream of decompressed bytes.</summary>
    private sealed class MultiStreamDecoder : ForwardReadStream
    {
        private readonly Stream _raw;
        private readonly ByteSource _source;
        private readonly long _limit;
        private readonly bool _leaveOpen;
        private BZip2InputStream? _current;
        private bool _finished;
        private long _delivered;

        public MultiStreamDecoder(Stream raw, long limit, bool leaveOpen)
        {
            _raw = raw;
            _source = new ByteSource(raw);
            _limit = limit;
            _leaveOpen = leaveOpen;
        }

        protected override long BytesRead => _delivered;

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            while (!_finished)
            {
                if (_current is null && !StartStream())
                {
                    _finished = true;
                    break;
                }

                int n = _current!.Read(buffer);
                if (n > 0)
                {
                    _delivered += n;
                    return n;
                }

                _current.Dispose();
                _current = null;
                if (_source.Consumed > _limit)
                {
                    throw new InvalidDataException($"a bzip2 stream runs {_source.Consumed - _limit} bytes past the end of its range: the range end is not a stream start");
                }
            }

            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _current?.Dispose();
                _source.Dispose();
                if (!_leaveOpen)
                {
                    _raw.Dispose();
                }
            }

            base.Dispose(disposing);
        }

        private bool StartStream()
        {
            if (_source.Consumed >= _limit || _source.Peek() < 0)
            {
                return false;
            }

            if (_source.Peek() != 'B')
            {
                throw new InvalidDataException($"bytes after bzip2 stream end at offset {_source.Consumed} are not another bzip2 stream");
            }

            // The constructor reads the stream header and decodes the first block.
            _current = new BZip2InputStream(_source) { IsStreamOwner = false };
            return true;
        }
    }
}
