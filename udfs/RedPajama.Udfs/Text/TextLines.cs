namespace RedPajama.Udfs.Text;

/// <summary>
/// The lines of an LF-separated text as offsets into it, so per-line work needs no per-line string.
/// Line <c>i</c> runs from <see cref="Start"/> to <see cref="End"/> (exclusive, without its <c>\n</c>).
/// </summary>
public sealed class TextLines
{
    private readonly int[] _starts;

    /// <summary>Indexes the lines of <paramref name="text"/>; a text ending in <c>\n</c> has a last, empty line.</summary>
    /// <param name="text">Text with LF line breaks.</param>
    public TextLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        var starts = new List<int>(text.Length / 40 + 2) { 0 };
        int from = 0;
        int newline;
        while ((newline = text.IndexOf('\n', from)) >= 0)
        {
            starts.Add(newline + 1);
            from = newline + 1;
        }

        starts.Add(text.Length + 1);
        _starts = [.. starts];
    }

    /// <summary>The indexed text.</summary>
    public string Text { get; }

    /// <summary>Number of lines.</summary>
    public int Count => _starts.Length - 1;

    /// <summary>The line's characters, without the line break.</summary>
    /// <param name="line">Line index.</param>
    public ReadOnlySpan<char> this[int line] => Text.AsSpan(Start(line), End(line) - Start(line));

    /// <summary>Offset of the line's first character.</summary>
    /// <param name="line">Line index.</param>
    /// <returns>The offset.</returns>
    public int Start(int line) => _starts[line];

    /// <summary>Offset just past the line's last character (its <c>\n</c> or the end of the text).</summary>
    /// <param name="line">Line index.</param>
    /// <returns>The offset.</returns>
    public int End(int line) => _starts[line + 1] - 1;

    /// <summary>The line as a new string.</summary>
    /// <param name="line">Line index.</param>
    /// <returns>The line.</returns>
    public string GetString(int line) => this[line].ToString();

    /// <summary>True when the line is empty or only whitespace.</summary>
    /// <param name="line">Line index.</param>
    /// <returns>Whether the line is blank.</returns>
    public bool IsBlank(int line) => this[line].IsWhiteSpace();
}
