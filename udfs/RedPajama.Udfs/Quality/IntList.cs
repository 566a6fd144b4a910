namespace RedPajama.Udfs.Quality;

/// <summary>A growable int array reused across documents.</summary>
internal sealed class IntList
{
    private int[] _items = new int[64];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Span => _items.AsSpan(0, Count);

    public int this[int index] => _items[index];

    public void Clear() => Count = 0;

    public void AddRange(ReadOnlySpan<int> values)
    {
        EnsureCapacity(Count + values.Length);
        values.CopyTo(_items.AsSpan(Count));
        Count += values.Length;
    }

    /// <summary>Makes room for <paramref name="capacity"/> items in total.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(capacity, _items.Length * 2));
        }
    }

    public void Add(int value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = value;
    }
}
