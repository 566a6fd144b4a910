namespace RedPajama.Writing;

/// <summary>Names and file extensions of <see cref="OutputFormat"/> values.</summary>
public static class OutputFormats
{
    /// <summary>The file extension of a format, with its dot.</summary>
    /// <param name="format">A format.</param>
    /// <returns><c>.parquet</c>, <c>.jsonl</c> (also <see cref="OutputFormat.SourceJsonl"/>) or <c>.jsonl.zst</c>.</returns>
    public static string Extension(OutputFormat format) => format switch
    {
        OutputFormat.Parquet => ".parquet",
        OutputFormat.Jsonl or OutputFormat.SourceJsonl => ".jsonl",
        OutputFormat.JsonlZst => ".jsonl.zst",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>Parses <c>parquet</c>, <c>jsonl</c> or <c>jsonl.zst</c> (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The format.</returns>
    public static OutputFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "parquet" => OutputFormat.Parquet,
            "jsonl" => OutputFormat.Jsonl,
            "jsonl.zst" or "jsonl-zst" or "jsonlzst" => OutputFormat.JsonlZst,
            _ => throw new FormatException($"unknown output format '{name}' (use parquet, jsonl or jsonl.zst)"),
        };
    }
}
