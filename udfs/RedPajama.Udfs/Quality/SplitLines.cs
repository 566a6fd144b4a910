namespace RedPajama.Udfs.Quality;

/// <summary>
/// Enumerates the lines of Python's <c>str.splitlines()</c> as <c>(start, end, endWithBreak)</c>: the line without
/// its break, and the index after the break. No line follows a final break; an empty text has no lines.
/// </summary>
internal ref struct SplitLines
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public SplitLines(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
        Current = default;
    }

    public (int Start, int End, int EndWithBreak) Current { get; private set; }

    public readonly SplitLines GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_position >= _text.Length)
        {
            return false;
        }

        int start = _position;
        int i = start;
        while (i < _text.Length)
        {
            int breakLength = PythonText.LineBreakLength(_text, i);
            if (breakLength > 0)
            {
                Current = (start, i, i + breakLength);
                _position = i + breakLength;
                return true;
            }

            i++;
        }

        Current = (start, _text.Length, _text.Length);
        _position = _text.Length;
        return true;
    }
}
