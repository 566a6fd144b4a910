namespace RedPajama.Udfs.Tokenization;

/// <summary>A growable byte array reused across calls, so encoding a line allocates nothing once warm.</summary>
internal sealed class ByteBuffer
{
    private byte[] _data = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Length);

    public byte this[int index] => _data[index];

    public void Clear() => Length = 0;

    public void Truncate(int length) => Length = length;

    public void Reserve(int additional)
    {
        if (Length + additional > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, Length + additional));
        }
    }

    public void Append(byte value)
    {
        if (Length == _data.Length)
        {
            Array.Resize(ref _data, _data.Length * 2);
        }

        _data[Length++] = value;
    }

    public void Append(ReadOnlySpan<byte> values)
    {
        Reserve(values.Length);
        values.CopyTo(_data.AsSpan(Length));
        Length += values.Length;
    }

    /// <summary>The unused capacity after <see cref="Length"/>; call <see cref="Reserve"/> first.</summary>
    public Span<byte> WritableTail() => _data.AsSpan(Length);

    public bool EndsWith(ReadOnlySpan<byte> suffix) => Span.EndsWith(suffix);
}
