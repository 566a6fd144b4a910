using System.Text;

namespace RedPajama.Udfs.Text;

/// <summary>
/// Python's <c>urllib.parse.quote</c>: the string's UTF-8 bytes, each percent-encoded in upper-case hex unless it is an
/// ASCII letter, digit, one of <c>_.-~</c> or a character of <c>safe</c> (<c>"/"</c> by default). RedPajama builds
/// Wikipedia URLs with it (spaces become <c>%20</c>, not <c>_</c>).
/// </summary>
public static class PythonUrlQuote
{
    /// <summary>Quotes a string as <c>urllib.parse.quote(text, safe)</c> does.</summary>
    /// <param name="text">The text (no lone surrogates: Python raises on them, .NET would write U+FFFD).</param>
    /// <param name="safe">ASCII characters left as they are besides the always-safe ones.</param>
    /// <returns>The quoted text.</returns>
    public static string Quote(string text, string safe = "/")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(safe);
        if (IsAllSafe(text, safe))
        {
            return text;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var quoted = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            if (b < 0x80 && IsSafe((char)b, safe))
            {
                quoted.Append((char)b);
            }
            else
            {
                quoted.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }

        return quoted.ToString();
    }

    private static bool IsAllSafe(string text, string safe)
    {
        foreach (char c in text)
        {
            if (c >= 0x80 || !IsSafe(c, safe))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSafe(char c, string safe) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~' || safe.Contains(c, StringComparison.Ordinal);
}
