using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RedPajama.Udfs.C4;

/// <summary>
/// TFDS C4's URL functions (<c>c4_utils.py</c>): the normalized URL that pages are deduplicated and split by, and the
/// MD5 that picks a line's owner and the validation split.
/// </summary>
public static class TfdsUrls
{
    /// <summary>Upstream's validation split: pages whose URL MD5, as an integer, is a multiple of this.</summary>
    public const int ValidationModulus = 1000;

    /// <summary>
    /// <c>normalize_url</c>: every <c>http://</c> or <c>https://</c>, with a <c>www.</c> after it, removed wherever it
    /// occurs; everything from the first <c>?utm_</c>, <c>?ref</c> or <c>?feed</c> on removed; trailing <c>/</c> removed.
    /// </summary>
    /// <param name="url">A URL.</param>
    /// <returns>The normalized URL.</returns>
    public static string Normalize(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var output = new StringBuilder(url.Length);
        int i = 0;
        while (i < url.Length)
        {
            int scheme = SchemeLength(url, i);
            if (scheme > 0)
            {
                i += scheme;
                if (string.CompareOrdinal(url, i, "www.", 0, 4) == 0)
                {
                    i += 4;
                }

                continue;
            }

            output.Append(url[i]);
            i++;
        }

        string unschemed = output.ToString();
        for (int at = unschemed.IndexOf('?', StringComparison.Ordinal); at >= 0; at = unschemed.IndexOf('?', at + 1))
        {
            ReadOnlySpan<char> rest = unschemed.AsSpan(at + 1);
            if (rest.StartsWith("utm_", StringComparison.Ordinal) || rest.StartsWith("ref", StringComparison.Ordinal) || rest.StartsWith("feed", StringComparison.Ordinal))
            {
                // ".*" stops at a newline; a URL read from a stripped WET header line has none, but keep the rule exact.
                int newline = unschemed.IndexOf('\n', at);
                unschemed = newline < 0 ? unschemed[..at] : string.Concat(unschemed.AsSpan(0, at), unschemed.AsSpan(newline));
                break;
            }
        }

        return unschemed.TrimEnd('/');
    }

    /// <summary>The MD5 of a string's UTF-8 bytes as a big-endian integer, so that it orders as the hex digest does.</summary>
    /// <param name="text">The string.</param>
    /// <returns>The digest.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "Not security: TFDS keys its dedup and split on MD5, so the same hash gives the same choices.")]
    public static UInt128 Md5(ReadOnlySpan<char> text)
    {
        int byteCount = Encoding.UTF8.GetByteCount(text);
        byte[]? rented = byteCount > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(byteCount) : null;
        Span<byte> bytes = rented ?? stackalloc byte[byteCount];
        Encoding.UTF8.GetBytes(text, bytes);
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(bytes[..byteCount], digest);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }

    /// <summary>Whether a page goes to the validation split (<c>int(md5(url).hexdigest(), 16) % 1000 == 0</c>).</summary>
    /// <param name="normalizedUrl">The page's normalized URL (the key TFDS splits by).</param>
    /// <returns>True for validation, false for train.</returns>
    public static bool IsValidation(string normalizedUrl)
    {
        ArgumentNullException.ThrowIfNull(normalizedUrl);
        return Md5(normalizedUrl) % ValidationModulus == 0;
    }

    private static int SchemeLength(string url, int at)
    {
        if (string.CompareOrdinal(url, at, "http", 0, 4) != 0)
        {
            return 0;
        }

        int after = at + 4;
        if (after < url.Length && url[after] == 's' && string.CompareOrdinal(url, after + 1, "://", 0, 3) == 0)
        {
            return 8;
        }

        return string.CompareOrdinal(url, after, "://", 0, 3) == 0 ? 7 : 0;
    }
}
