using RedPajama.Documents;
using RedPajama.Reading;

namespace RedPajama.Sources.Documents;

/// <summary>
/// Reads documents from JSON lines (<c>.jsonl</c>/<c>.json</c>, optionally <c>.gz</c>/<c>.zst</c>) and Parquet files:
/// <c>text</c> is the text, the meta schema's fields are read from the top level or from a <c>meta</c> object or struct.
/// </summary>
/// <param name="limits">Size limits of a JSON line.</param>
/// <param name="keepSourceLines">Keep each JSON line in <see cref="Document.SourceLine"/> (for <see cref="Writing.OutputFormat.SourceJsonl"/>).</param>
public sealed class DocumentsReader(ReadLimits limits, bool keepSourceLines = false) : IDocumentReader
{
    private readonly JsonlRowReader _jsonl = new((limits ?? throw new ArgumentNullException(nameof(limits))).MaxLineBytes, keepSourceLines);
    private readonly ParquetRowReader _parquet = new();

    /// <summary>Whether a file is a documents input.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>True for JSON lines and Parquet files.</returns>
    public static bool Accepts(string path) => IsJsonLines(path) || IsParquet(path);

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        IDocumentReader reader = IsParquet(input.Path) ? _parquet
            : IsJsonLines(input.Path) ? _jsonl
            : throw new InvalidDataException($"{input.Path}: not a documents input (expected .jsonl, .json or .parquet)");
        return reader.Read(input, content, meta);
    }

    /// <summary>Whether a file is JSON lines (<c>.jsonl</c>/<c>.json</c>, optionally compressed).</summary>
    /// <param name="path">A file path.</param>
    /// <returns>True for JSON lines.</returns>
    public static bool IsJsonLines(string path)
    {
        string inner = InputStreams.InnerName(path);
        return inner.EndsWith(".jsonl", StringComparison.Ordinal) || inner.EndsWith(".json", StringComparison.Ordinal);
    }

    internal static bool IsParquet(string path) =>
        InputStreams.InnerName(path).EndsWith(".parquet", StringComparison.Ordinal) && InputStreams.CompressionOf(path).Length == 0;
}
