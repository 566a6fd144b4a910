using System.Text;

namespace RedPajama.Udfs.LanguageModel;

/// <summary>
/// Lines as KenLM's <c>util::FilePiece::ReadLine</c> returns them: they end at LF only (<see cref="TextReader.ReadLine"/>
/// also ends one at a lone CR), a CR right before the LF is dropped, and text after the last LF is a last line.
/// For ARPA files and for text to score (a CR inside a line is whitespace to KenLM's scoring).
/// </summary>
/// <param name="reader">The text.</param>
public sealed class KenLmLineReader(TextReader reader)
{
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _end;

    /// <summary>1-based number of the line <see cref="Next"/> returned last.</summary>
    public long Number { get; private set; }

    /// <summary>The next line, or null at the end.</summary>
    /// <returns>The line without its LF (and the CR before it).</returns>
    public string? Next()
    {
        _line.Clear();
        while (true)
        {
            if (_position == _end)
            {
                _end = reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_end == 0)
                {
                    if (_line.Length == 0)
                    {
                        return null;
                    }

                    Number++;
                    return _line.ToString();
                }
            }

            int newline = Array.IndexOf(_buffer, '\n', _position, _end - _position);
            if (newline < 0)
            {
                _line.Append(_buffer, _position, _end - _position);
                _position = _end;
                continue;
            }

            _line.Append(_buffer, _position, newline - _position);
            _position = newline + 1;
            Number++;
            if (_line.Length > 0 && _line[^1] == '\r')
            {
                _line.Length--;
            }

            return _line.ToString();
        }
    }
}
