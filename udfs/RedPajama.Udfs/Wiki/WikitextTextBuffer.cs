namespace RedPajama.Udfs.Wiki;

/// <summary>
/// Text built up and cleared again and again (a tokenizer frame's text between tokens, a section's stripped text):
/// one flat, reusable array (a <see cref="System.Text.StringBuilder"/> allocates a fresh array on every <c>Clear</c> once
/// it has grown past its first chunk, and indexes backwards slowly).
/// </summary>
internal sealed class WikitextTextBuffer
{
    private char[] _chars = new char[64];

    /// <summary>Characters held.</summary>
    public int Length { get; private set; }

    /// <summary>The character at <paramref name="index"/>.</summary>
    public char this[int index] => index < Length ? _chars[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Appends <paramref name="text"/>.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(Length + text.Length, _chars.Length * 2));
        }

        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    /// <summary>Cuts the buffer to its first <paramref name="length"/> characters.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length);
        Length = length;
    }

    /// <summary>Empties the buffer, keeping its array (unless it grew large: a huge page should not pin it).</summary>
    public void Clear()
    {
        Length = 0;
        if (_chars.Length > 1 << 16)
        {
            _chars = new char[64];
        }
    }

    /// <summary>The characters held.</summary>
    public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(0, Length);

    /// <summary>The characters from <paramref name="start"/> on.</summary>
    public string ToString(int start) => new(_chars, start, Length - start);

    /// <inheritdoc/>
    public override string ToString() => new(_chars, 0, Length);
}
