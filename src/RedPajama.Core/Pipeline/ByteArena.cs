namespace RedPajama.Pipeline;

/// <summary>A growing byte buffer that hands out slices by offset: payloads and edit values without an array each.</summary>
internal sealed class ByteArena
{
    private byte[] _bytes;

    /// <summary>Creates an arena.</summary>
    /// <param name="capacity">Bytes to reserve (an exact size avoids every regrowth).</param>
    public ByteArena(int capacity = 256) => _bytes = new byte[Math.Max(1, capacity)];

    /// <summary>Bytes in use.</summary>
    public int Length { get; private set; }

    /// <summary>The whole buffer (slices stay valid until <see cref="Clear"/>, not across a later <see cref="Append"/>).</summary>
    public byte[] Buffer => _bytes;

    /// <summary>Copies bytes to the end.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>Their offset.</returns>
    public int Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(_bytes.Length * 2L, (long)Length + bytes.Length)));
        }

        int offset = Length;
        bytes.CopyTo(_bytes.AsSpan(offset));
        Length += bytes.Length;
        return offset;
    }

    /// <summary>A slice.</summary>
    /// <param name="offset">From <see cref="Append"/>.</param>
    /// <param name="length">Its length.</param>
    /// <returns>The bytes.</returns>
    public ReadOnlySpan<byte> Slice(int offset, int length) => _bytes.AsSpan(offset, length);

    /// <summary>Forgets every slice.</summary>
    public void Clear() => Length = 0;
}
