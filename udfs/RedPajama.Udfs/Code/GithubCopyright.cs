namespace RedPajama.Udfs.Code;

/// <summary>
/// RedPajama-1T's <c>clean_copyright_comments</c> (<c>rp_v1:data_prep/github/github_clean_dedup_local.py</c>), quirks
/// included. The first C-style block comment of the file (<c>/\*[^*]*\*+(?:[^/*][^*]*\*+)*/</c>: from the first
/// <c>/*</c> to the first <c>*/</c> after it) is removed when it contains <c>copyright</c> in any case, and then the
/// file is returned whether or not it was; only a file with no block comment at all loses its leading lines that
/// start with <c>//</c>, <c>#</c> or <c>--</c> or are empty (so also <c>#include</c> and <c>#!</c> lines).
/// </summary>
public static class GithubCopyright
{
    /// <summary>Cleans one file.</summary>
    /// <param name="content">The file's text.</param>
    /// <returns>The cleaned text (the same instance when nothing was removed).</returns>
    public static string Clean(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        int open = content.IndexOf("/*", StringComparison.Ordinal);
        int close = open < 0 ? -1 : content.IndexOf("*/", open + 2, StringComparison.Ordinal);
        if (close >= 0)
        {
            int end = close + 2;
            return ContainsCopyright(content.AsSpan(open, end - open)) ? string.Concat(content.AsSpan(0, open), content.AsSpan(end)) : content;
        }

        // No complete block comment: the greedy header skip over split("\n") lines.
        int skipTo = 0;
        while (true)
        {
            int newline = content.IndexOf('\n', skipTo);
            int lineEnd = newline < 0 ? content.Length : newline;
            ReadOnlySpan<char> line = content.AsSpan(skipTo, lineEnd - skipTo);
            bool header = line.IsEmpty || line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("#", StringComparison.Ordinal)
                || line.StartsWith("--", StringComparison.Ordinal);
            if (!header)
            {
                break;
            }

            if (newline < 0)
            {
                // Every line was skipped: "\n".join([]) is empty.
                return string.Empty;
            }

            skipTo = newline + 1;
        }

        return skipTo == 0 ? content : content[skipTo..];
    }

    /// <summary>
    /// <c>re.search("copyright", s, re.IGNORECASE)</c>: ASCII letters in either case, and for <c>i</c> also the dotless
    /// <c>ı</c> (U+0131) and <c>İ</c> (U+0130), which Python's case-insensitive matching treats as the same letter.
    /// </summary>
    private static bool ContainsCopyright(ReadOnlySpan<char> text)
    {
        const string word = "copyright";
        for (int start = 0; start + word.Length <= text.Length; start++)
        {
            int i = 0;
            while (i < word.Length && SameLetter(text[start + i], word[i]))
            {
                i++;
            }

            if (i == word.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameLetter(char c, char lower) =>
        c == lower || c == char.ToUpperInvariant(lower) || (lower == 'i' && c is '\u0130' or '\u0131');
}
