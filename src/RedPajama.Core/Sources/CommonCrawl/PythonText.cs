namespace RedPajama.Sources.CommonCrawl;

/// <summary>The few Python string operations cc_net's WET parser relies on, with Python's semantics.</summary>
internal static class PythonText
{
    private static readonly System.Buffers.SearchValues<char> SchemeChars = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>Python <c>str.isspace</c>: .NET's white space plus the separators U+001C–U+001F.</summary>
    public static bool IsWhiteSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    /// <summary>Python <c>str.strip()</c>.</summary>
    public static string Strip(string s)
    {
        int start = 0;
        int end = s.Length;
        while (start < end && IsWhiteSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        return start == 0 && end == s.Length ? s : s[start..end];
    }

    /// <summary>Python <c>s.split()[1]</c>, or null where Python raises IndexError.</summary>
    public static string? SecondToken(string s)
    {
        int i = 0;
        for (int token = 0; ; token++)
        {
            while (i < s.Length && IsWhiteSpace(s[i]))
            {
                i++;
            }

            if (i == s.Length)
            {
                return null;
            }

            int start = i;
            while (i < s.Length && !IsWhiteSpace(s[i]))
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
