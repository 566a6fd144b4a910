namespace RedPajama.Udfs.Quality;

/// <summary>A growable char array reused across documents, so building normalized text allocates nothing per document.</summary>
internal sealed class CharBuffer
{
    private char[] _items = new char[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _items.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Makes room for <paramref name="capacity"/> characters in total (exactly that many when it is more than double).</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            char[] items = new char[Math.Max(capacity, Math.Min(_items.Length * 2, Array.MaxLength))];
            Span.CopyTo(items);
            _items = items;
        }
    }

    public void Append(char c)
    {
        if (Length == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(_items.Length * 2, Length + text.Length));
        }

        text.CopyTo(_items.AsSpan(Length));
        Length += text.Length;
    }

    /// <summary>Appends <paramref name="length"/> characters for the caller to write into the returned span.</summary>
    public Span<char> Reserve(int length)
    {
        if (Length + length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(_items.Length * 2, Length + length));
        }

        Span<char> reserved = _items.AsSpan(Length, length);
        Length += length;
        return reserved;
    }

}
