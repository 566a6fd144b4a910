namespace RedPajama.Udfs.FastText;

/// <summary>
/// Splits bytes into examples exactly as fastText's <c>Dictionary::readWord</c> and <c>getLine</c> do when
/// <c>fasttext predict</c> reads a stream: tokens end at space, tab, CR, VT, FF, NUL or newline; a newline with no
/// token before it is the token <c>&lt;/s&gt;</c>, which ends the example; so does a literal <c>&lt;/s&gt;</c>
/// inside a line (fastText then starts the next example mid-line).
/// </summary>
internal sealed class FastTextTokenizer
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    public FastTextTokenizer(Stream stream) => _stream = stream;

    public FastTextTokenizer(byte[] bytes)
        : this(new MemoryStream(bytes, writable: false))
    {
    }

    /// <summary>
    /// Reads the next example's tokens into <paramref name="scratch"/> through <paramref name="model"/>; false when the
    /// input is exhausted before it (fastText's <c>in.peek() == EOF</c>).
    /// </summary>
    public bool NextExample(FastTextModel model, FeatureScratch scratch)
    {
        scratch.Clear();
        if (!Fill(1))
        {
            return false;
        }

        while (TryReadToken(out int start, out int length, out bool endOfSentence))
        {
            ReadOnlySpan<byte> token = endOfSentence ? FastTextDictionary.EndOfSentence : _buffer.AsSpan(start, length);
            model.BuildExample(token, scratch);
            if (endOfSentence || token.SequenceEqual(FastTextDictionary.EndOfSentence))
            {
                break;
            }
        }

        model.FinishExample(scratch);
        return true;
    }

    /// <summary>The next token as <c>Dictionary::readWord</c> gives it (a newline alone is <c>&lt;/s&gt;</c>); false at the end.</summary>
    public bool NextToken(out ReadOnlySpan<byte> token)
    {
        if (!TryReadToken(out int start, out int length, out bool endOfSentence))
        {
            token = default;
            return false;
        }

        token = endOfSentence ? FastTextDictionary.EndOfSentence : _buffer.AsSpan(start, length);
        return true;
    }

    private static bool IsSeparator(byte c) => c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0B or 0x0C or 0;

    private bool TryReadToken(out int start, out int length, out bool endOfSentence)
    {
        endOfSentence = false;
        while (true)
        {
            if (!Fill(1))
            {
                start = length = 0;
                return false;
            }

            byte c = _buffer[_start];
            if (!IsSeparator(c))
            {
                break;
            }

            _start++;
            if (c == (byte)'\n')
            {
                start = length = 0;
                endOfSentence = true;
                return true;
            }
        }

        // A token runs to the next separator; a newline after it stays for the next read (sungetc).
        int scanned = 0;
        while (true)
        {
            int index = _start + scanned;
            if (index == _end)
            {
                if (!Fill(scanned + 1))
                {
                    start = _start;
                    length = scanned;
                    _start += scanned;
                    return length > 0;
                }

                index = _start + scanned;
            }

            if (IsSeparator(_buffer[index]))
            {
                start = _start;
                length = scanned;
                _start += scanned;
                if (_buffer[_start] != (byte)'\n')
                {
                    _start++;
                }

                return true;
            }

            scanned++;
        }
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available unless the stream ends.</summary>
    private bool Fill(int count)
    {
        while (_end - _start < count)
        {
            if (_eof)
            {
                return false;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                return _end - _start >= count;
            }

            _end += read;
        }

        return true;
    }
}
