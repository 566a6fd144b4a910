namespace RedPajama.Cli;

/// <summary>
/// Splits a byte stream at LF the way C++ <c>std::getline</c> does for <c>spm_encode</c>: the LF is removed,
/// a CR before it is kept, and a last line without LF still counts when it is not empty. Lines of any length.
/// </summary>
internal sealed class LineSplitter(Stream stream)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Reads the next line; the span is valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        int scanFrom = _start;
        while (true)
        {
            int newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = _buffer.AsSpan(_start, scanFrom + newline - _start);
                _start = scanFrom + newline + 1;
                return true;
            }

            if (_eof)
            {
                line = _buffer.AsSpan(_start, _end - _start);
                _start = _end;
                return !line.IsEmpty;
            }

            scanFrom = _end;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                scanFrom -= _start;
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            _eof = read == 0;
            _end += read;
        }
    }
}
