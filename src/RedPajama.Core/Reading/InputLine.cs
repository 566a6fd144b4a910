using System.Text;

namespace RedPajama.Reading;

/// <summary>One line of an input file, as <see cref="InputLineReader"/> returns it.</summary>
/// <param name="File">The file it comes from.</param>
/// <param name="Number">Its line number in the (decompressed) file, from 1.</param>
/// <param name="Bytes">The line without its LF (and CR), undecoded; valid only until the reader moves on.</param>
/// <param name="TooLong">True when the line exceeded the length limit; <paramref name="Bytes"/> is then empty.</param>
public readonly record struct InputLine(InputFile File, long Number, ReadOnlyMemory<byte> Bytes, bool TooLong)
{
    /// <summary>True for a line of only spaces and tabs (not a record in JSON lines).</summary>
    public bool IsBlank => !TooLong && Bytes.Span.Trim(" \t\r"u8).IsEmpty;

    /// <summary>The line decoded as UTF-8 (invalid bytes become U+FFFD).</summary>
    /// <returns>The text.</returns>
    public string Decode() => Encoding.UTF8.GetString(Bytes.Span);
}
