using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Code;

/// <summary>
/// RedPajama-1T's GitHub quality filter (<c>rp_v1:data_prep/github/github_run_filter.py</c> <c>discard_record</c>),
/// rule by rule in its order; the first rule that holds names the drop reason.
/// </summary>
public static class GithubFileFilter
{
    /// <summary>Drop reason: the cleaned text is empty.</summary>
    public const string Empty = "empty";

    /// <summary>Drop reason: the path ends with none of the 65 whitelisted suffixes.</summary>
    public const string Extension = "extension";

    /// <summary>Drop reason: a line is longer than 1000 code points.</summary>
    public const string MaxLineLength = "max_line_length";

    /// <summary>Drop reason: more than 100 code points per line.</summary>
    public const string AverageLineLength = "avg_line_length";

    /// <summary>Drop reason: less than a quarter of the code points are alphanumeric.</summary>
    public const string AlphanumericShare = "alnum_prop";

    /// <summary>Drop reason: fewer than 1.5 alphabetic code points per GPT-NeoX token.</summary>
    public const string AlphaPerToken = "alpha_per_token";

    /// <summary>
    /// The suffixes a path must end with (case-sensitive <c>str.endswith</c>); <c>Dockerfile</c> and <c>Makefile</c>
    /// carry no dot, so <c>foo.Makefile</c> passes too.
    /// </summary>
    public static IReadOnlyList<string> Suffixes { get; } =
    [
        ".asm", ".bat", ".cmd", ".c", ".h", ".cs", ".cpp", ".hpp", ".c++", ".h++", ".cc", ".hh", ".C", ".H", ".cmake", ".css",
        ".dockerfile", ".f90", ".f", ".f03", ".f08", ".f77", ".f95", ".for", ".fpp", ".go", ".hs", ".html", ".java", ".js",
        ".jl", ".lua", ".md", ".markdown", ".php", ".php3", ".php4", ".php5", ".phps", ".phpt", ".pl", ".pm", ".pod",
        ".perl", ".ps1", ".psd1", ".psm1", ".py", ".rb", ".rs", ".sql", ".scala", ".sh", ".bash", ".command", ".zsh", ".ts",
        ".tsx", ".tex", ".vb", "Dockerfile", "Makefile", ".xml", ".rst", ".m", ".smali",
    ];

    /// <summary>Whether a path ends with a whitelisted suffix.</summary>
    /// <param name="path">The file's path in its repository.</param>
    /// <returns>True when the file may be kept.</returns>
    public static bool HasWhitelistedSuffix(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (string suffix in Suffixes)
        {
            if (path.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of <c>isalpha()</c> code points of a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The count.</returns>
    public static int CountAlphabetic(ReadOnlySpan<char> text)
    {
        int count = 0;
        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            if (c < 128)
            {
                count += char.IsAsciiLetter(c) ? 1 : 0;
                i++;
                continue;
            }

            count += PythonText.IsAlpha(PythonText.CodePointAt(text, i, out int width)) ? 1 : 0;
            i += width;
        }

        return count;
    }

    /// <summary>Applies the rules in upstream's order.</summary>
    /// <param name="text">The cleaned file.</param>
    /// <param name="path">Its path.</param>
    /// <param name="statistics">Its statistics (<see cref="GithubFileStatistics.Of"/> of <paramref name="text"/>).</param>
    /// <param name="countTokens">
    /// Counts GPT-NeoX tokens (<c>len(tokenizer.tokenize(text))</c>); called only when every other rule passed. Null
    /// leaves the letters-per-token rule out.
    /// </param>
    /// <returns>The drop reason, or null to keep the file.</returns>
    public static string? Judge(string text, string path, GithubFileStatistics statistics, Func<string, int>? countTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        if (text.Length == 0)
        {
            return Empty;
        }

        if (!HasWhitelistedSuffix(path))
        {
            return Extension;
        }

        if (statistics.MaxLineLength > 1000)
        {
            return MaxLineLength;
        }

        if (statistics.AverageLineLength > 100)
        {
            return AverageLineLength;
        }

        if (statistics.AlphanumericShare < 0.25)
        {
            return AlphanumericShare;
        }

        // A non-empty text has at least one token, so upstream never divides by zero here.
        return countTokens is not null && (double)CountAlphabetic(text) / countTokens(text) < 1.5 ? AlphaPerToken : null;
    }
}
