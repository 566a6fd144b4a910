using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace RedPajama.Udfs.Hashing;

/// <summary>
/// The exact-duplicate key of a text: XXH3-128 of its UTF-8 bytes. 128 bits make an accidental collision
/// among 10^12 documents about 10^-15 likely, so equal hashes are treated as equal texts.
/// </summary>
public static class ContentHash
{
    /// <summary>Hashes the UTF-8 encoding of <paramref name="text"/>.</summary>
    /// <param name="text">The document text.</param>
    /// <returns>The 128-bit hash.</returns>
    public static UInt128 Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = max > 4096 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[4096];
        try
        {
            int length = Encoding.UTF8.GetBytes(text, buffer);
            return XxHash128.HashToUInt128(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The hash as 32 lower-case hex digits, the form written to columns and logs.</summary>
    /// <param name="hash">A hash from <see cref="Of"/>.</param>
    /// <returns>Hex text.</returns>
    public static string ToHex(UInt128 hash) => hash.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}
