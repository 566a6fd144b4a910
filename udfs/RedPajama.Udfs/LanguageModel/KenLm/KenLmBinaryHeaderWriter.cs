using System.Buffers.Binary;

namespace RedPajama.Udfs.LanguageModel.KenLm;

/// <summary>The header <see cref="KenLmBinaryHeader"/> reads, for a probing model with vocabulary strings.</summary>
/// <param name="counts">n-grams per order.</param>
/// <param name="multiplier">The probing multiplier.</param>
internal sealed class KenLmBinaryHeaderWriter(long[] counts, float multiplier)
{
    /// <summary>Bytes of the header (8-byte aligned).</summary>
    public long Size { get; } = KenLmBinaryHeader.Align8(KenLmBinaryHeader.SanitySize + KenLmBinaryHeader.FixedSize + (8L * counts.Length));

    /// <summary>Writes the header into <paramref name="target"/> (<see cref="Size"/> zeroed bytes).</summary>
    public void WriteTo(Span<byte> target)
    {
        KenLmBinaryHeader.Sanity().CopyTo(target);
        Span<byte> fixedPart = target[KenLmBinaryHeader.SanitySize..];
        fixedPart[0] = (byte)counts.Length;
        BinaryPrimitives.WriteSingleLittleEndian(fixedPart[4..], multiplier);
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[8..], (uint)KenLmModelType.Probing);
        fixedPart[12] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[16..], 0);
        for (int i = 0; i < counts.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(target[(KenLmBinaryHeader.SanitySize + KenLmBinaryHeader.FixedSize + (8 * i))..], (ulong)counts[i]);
        }
    }
}
