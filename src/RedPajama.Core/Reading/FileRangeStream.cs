namespace RedPajama.Reading;

/// <summary>The bytes of one <see cref="InputRange"/> of a local file, read forward; it ends at the range's end.</summary>
internal sealed class FileRangeStream : ForwardReadStream
{
    private readonly FileStream _file;
    private readonly long _length;
    private long _read;

    /// <summary>Opens <paramref name="path"/> at the range's start.</summary>
    /// <param name="path">A local file.</param>
    /// <param name="range">The range; it must lie within the file.</param>
    public FileRangeStream(string path, InputRange range)
    {
        _file = InputStreams.OpenRaw(path);
        try
        {
            if (range.Start < 0 || range.End < range.Start || range.End > _file.Length)
            {
                throw new InvalidDataException($"{path}: {range} is not within the file's {_file.Length} bytes (changed since the run started?)");
            }

            _file.Seek(range.Start, SeekOrigin.Begin);
        }
        catch
        {
            _file.Dispose();
            throw;
        }

        _length = range.Length;
    }

    /// <inheritdoc />
    protected override long BytesRead => _read;

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        int wanted = (int)Math.Min(buffer.Length, _length - _read);
        int read = wanted == 0 ? 0 : _file.Read(buffer[..wanted]);
        _read += read;
        return read;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
