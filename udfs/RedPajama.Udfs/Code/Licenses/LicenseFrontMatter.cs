namespace RedPajama.Udfs.Code.Licenses;

/// <summary>
/// Splits a choosealicense.com licence file into its YAML front matter and its body the way licensee does
/// (<c>/\A(---\n.*\n---\n+)?(.*)/m</c>: the front matter runs to the last line that is exactly <c>---</c>, and the
/// blank lines after it belong to neither), and reads the front matter's top-level scalar fields.
/// </summary>
internal static class LicenseFrontMatter
{
    /// <summary>Splits the raw file.</summary>
    /// <param name="raw">The file's text.</param>
    /// <returns>The front matter (null when the file has none) and the body.</returns>
    public static (string? FrontMatter, string Body) Split(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!raw.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (null, raw);
        }

        int close = raw.LastIndexOf("\n---\n", StringComparison.Ordinal);
        if (close < 4)
        {
            return (null, raw);
        }

        int body = close + 5;
        while (body < raw.Length && raw[body] == '\n')
        {
            body++;
        }

        return (raw[..body], raw[body..]);
    }

    /// <summary>
    /// The top-level <c>key: value</c> scalars of the front matter (quoted values unquoted); nested lists and maps are
    /// skipped.
    /// </summary>
    /// <param name="frontMatter">The front matter, delimiters included.</param>
    /// <returns>Field name to value.</returns>
    public static Dictionary<string, string> Fields(string? frontMatter)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (frontMatter is null)
        {
            return fields;
        }

        foreach (string line in frontMatter.Split('\n'))
        {
            if (line.Length == 0 || line[0] is ' ' or '\t' or '-' or '#')
            {
                continue;
            }

            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            string value = line[(colon + 2)..].Trim();
            if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
            {
                value = value[0] == '"'
                    ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
                    : value[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            if (value.Length > 0)
            {
                fields[line[..colon]] = value;
            }
        }

        return fields;
    }
}
