using System.Runtime.InteropServices;
using RedPajama.Reading;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>
/// Concatenated bzip2 streams decoded by the system's libbz2 (<see cref="LibBzip2"/>), with the same contract as the
/// managed decoder of <see cref="Bzip2"/>: streams are decoded one after another up to a byte limit; a stream that
/// the input (or the limit) cuts, corrupt data, or bytes after a stream end that start no other stream throw
/// <see cref="InvalidDataException"/>. Reads no further than the limit.
/// </summary>
internal sealed unsafe class NativeBzip2Decoder : ForwardReadStream
{
    private const int InputBytes = 1 << 16;

    private readonly Stream _raw;
    private readonly long _limit;
    private readonly bool _leaveOpen;
    private byte* _input;
    private LibBzip2.BzStream* _stream;
    private int _inputPosition;
    private int _inputLength;
    private long _fed;
    private bool _inStream;
    private bool _finished;
    private long _delivered;

    public NativeBzip2Decoder(Stream raw, long limit, bool leaveOpen)
    {
        _raw = raw;
        _limit = limit;
        _leaveOpen = leaveOpen;
        _input = (byte*)NativeMemory.Alloc(InputBytes);
        _stream = (LibBzip2.BzStream*)NativeMemory.AllocZeroed((nuint)sizeof(LibBzip2.BzStream));
    }

    ~NativeBzip2Decoder()
    {
        Dispose(false);
    }

    /// <inheritdoc/>
    protected override long BytesRead => _delivered;

    /// <summary>Compressed bytes decoded so far (read from the input and taken by libbz2).</summary>
    private long Consumed => _fed - (_inputLength - _inputPosition);

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_finished)
        {
            if (!_inStream && !StartStream())
            {
                _finished = true;
                break;
            }

            if (_inputPosition == _inputLength && !Fill())
            {
                throw new InvalidDataException(_limit == long.MaxValue
                    ? $"the input ends inside a bzip2 stream at offset {Consumed} (truncated)"
                    : $"the input ends inside a bzip2 stream at offset {Consumed} of its range: the file is truncated, or the range end is not a stream start");
            }

            int produced;
            int result;
            fixed (byte* output = buffer)
            {
                _stream->NextIn = _input + _inputPosition;
                _stream->AvailIn = (uint)(_inputLength - _inputPosition);
                _stream->NextOut = output;
                _stream->AvailOut = (uint)buffer.Length;
                result = LibBzip2.Decompress(_stream);
                _inputPosition = _inputLength - (int)_stream->AvailIn;
                produced = buffer.Length - (int)_stream->AvailOut;
            }

            if (result == LibBzip2.StreamEnd)
            {
                EndStream();
            }
            else if (result != LibBzip2.Ok)
            {
                throw new InvalidDataException($"corrupt bzip2 data before offset {Consumed} (libbz2 error {result})");
            }

            if (produced > 0)
            {
                _delivered += produced;
                return produced;
            }
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (_stream is not null)
        {
            if (_inStream)
            {
                LibBzip2.DecompressEnd(_stream);
                _inStream = false;
            }

            NativeMemory.Free(_stream);
            NativeMemory.Free(_input);
            _stream = null;
            _input = null;
            if (disposing && !_leaveOpen)
            {
                _raw.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Opens the next stream; false at the end of the input or the limit.</summary>
    private bool StartStream()
    {
        if (_inputPosition == _inputLength && !Fill())
        {
            return false;
        }

        if (_input[_inputPosition] != (byte)'B')
        {
            throw new InvalidDataException($"bytes after bzip2 stream end at offset {Consumed} are not another bzip2 stream");
        }

        *_stream = default;
        int result = LibBzip2.DecompressInit(_stream);
        if (result != LibBzip2.Ok)
        {
            throw new InvalidOperationException($"libbz2 could not start a stream (error {result})");
        }

        _inStream = true;
        return true;
    }

    private void EndStream()
    {
        LibBzip2.DecompressEnd(_stream);
        _inStream = false;
    }

    /// <summary>Reads more compressed bytes, never past the limit; false when there are none.</summary>
    private bool Fill()
    {
        long allowed = Math.Min(InputBytes, _limit - _fed);
        if (allowed <= 0)
        {
            return false;
        }

        int read = _raw.Read(new Span<byte>(_input, (int)allowed));
        _fed += read;
        _inputPosition = 0;
        _inputLength = read;
        return read > 0;
    }
}
