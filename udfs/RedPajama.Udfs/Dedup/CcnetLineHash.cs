using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RedPajama.Udfs.Quality;
using RedPajama.Udfs.Text;

namespace RedPajama.Udfs.Dedup;

/// <summary>
/// CCNet's line hash for paragraph dedup (<c>cc_net/dedup.py</c> <c>compute_hashes</c> with
/// <c>text_normalizer.normalize_for_dedup</c>): strip, Python <c>lower()</c>, every Unicode decimal digit to 0, the
/// 34 characters of <c>UNICODE_PUNCT</c> (<see cref="CcnetTextNormalizer.IsUnicodePunctuation"/>) and the control characters deleted; then the first 8 bytes of SHA-1 of the
/// UTF-8, read as a little-endian integer.
/// </summary>
public static class CcnetLineHash
{
    /// <summary>The normalised form of a line.</summary>
    /// <param name="line">A line.</param>
    /// <returns>What CCNet hashes.</returns>
    public static string Normalize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string lowered = PythonText.Lower(PythonText.Strip(line).ToString());
        var output = new StringBuilder(lowered.Length);
        for (int i = 0; i < lowered.Length;)
        {
            int codePoint = PythonText.CodePointAt(lowered, i, out int width);
            if (PythonText.IsDecimalDigit(codePoint))
            {
                output.Append('0');
            }
            else if (!CcnetTextNormalizer.IsNonPrinting(codePoint) && !(width == 1 && CcnetTextNormalizer.IsUnicodePunctuation(lowered[i])))
            {
                output.Append(lowered, i, width);
            }

            i += width;
        }

        return output.ToString();
    }

    /// <summary>The 64-bit hash of a line.</summary>
    /// <param name="line">A line.</param>
    /// <returns>The hash.</returns>
    public static ulong Of(string line)
    {
        Span<byte> digest = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is CCNet's line hash here, not a security control.
        SHA1.HashData(Encoding.UTF8.GetBytes(Normalize(line)), digest);
#pragma warning restore CA5350
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }
}
