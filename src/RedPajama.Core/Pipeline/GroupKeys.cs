namespace RedPajama.Pipeline;

/// <summary>
/// The keyed entries one document gives a <see cref="GroupedStep"/>: a 128-bit key and optional payload bytes each,
/// numbered from 0 in the order they are added. Reused from document to document by one thread.
/// </summary>
public sealed class GroupKeys
{
    private readonly List<(UInt128 Key, int Offset, int Length)> _entries = [];
    private readonly ByteArena _payloads = new();

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds an entry without payload.</summary>
    /// <param name="key">The key.</param>
    public void Add(UInt128 key) => _entries.Add((key, 0, 0));

    /// <summary>Adds an entry with a payload that <see cref="GroupedStep.Decide"/> will see.</summary>
    /// <param name="key">The key.</param>
    /// <param name="payload">The payload bytes (copied).</param>
    public void Add(UInt128 key, ReadOnlySpan<byte> payload) => _entries.Add((key, _payloads.Append(payload), payload.Length));

    /// <summary>The key of entry <paramref name="entry"/>.</summary>
    /// <param name="entry">The entry index.</param>
    /// <returns>The key.</returns>
    public UInt128 Key(int entry) => _entries[entry].Key;

    /// <summary>The payload of entry <paramref name="entry"/> (empty when it has none).</summary>
    /// <param name="entry">The entry index.</param>
    /// <returns>The bytes, valid until the next <see cref="Clear"/>.</returns>
    public ReadOnlySpan<byte> Payload(int entry)
    {
        (_, int offset, int length) = _entries[entry];
        return _payloads.Slice(offset, length);
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        _entries.Clear();
        _payloads.Clear();
    }
}
