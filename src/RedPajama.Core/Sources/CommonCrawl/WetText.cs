using PythonText = RedPajama.Udfs.Quality.PythonText;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// The Python string operations cc_net's WET parser relies on beyond <see cref="PythonText"/> (whose <c>strip</c> and
/// <c>isspace</c> are CPython's own tables): <c>split()[1]</c> and <c>urlparse(url).netloc</c>.
/// </summary>
internal static class WetText
{
    private static readonly System.Buffers.SearchValues<char> SchemeChars = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>Python <c>str.strip()</c>.</summary>
    public static string Strip(string s)
    {
        ReadOnlySpan<char> stripped = PythonText.Strip(s);
        return stripped.Length == s.Length ? s : stripped.ToString();
    }

    /// <summary>Python <c>s.split()[1]</c>, or null where Python raises IndexError.</summary>
    public static string? SecondToken(string s)
    {
        int i = 0;
        for (int token = 0; ; token++)
        {
            while (i < s.Length && PythonText.IsSpace(s[i]))
            {
                i++;
            }

            if (i == s.Length)
            {
                return null;
            }

            int start = i;
            while (i < s.Length && !PythonText.IsSpace(s[i]))
            {
                i++;
            }

            if (token == 1)
            {
                return s[start..i];
            }
        }
    }

    /// <summary>
    /// Python <c>urllib.parse.urlparse(url).netloc</c> for a URL without white space: after an optional scheme
    /// (a letter, then letters, digits, <c>+-.</c>, then <c>:</c>), the part after <c>//</c> up to <c>/?#</c>.
    /// </summary>
    public static string Netloc(string url)
    {
        string rest = url;
        int colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && char.IsAsciiLetter(url[0]) && !url.AsSpan(0, colon).ContainsAnyExcept(SchemeChars))
        {
            rest = url[(colon + 1)..];
        }

        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        int end = rest.AsSpan(2).IndexOfAny("/?#");
        return end < 0 ? rest[2..] : rest.Substring(2, end);
    }
}
