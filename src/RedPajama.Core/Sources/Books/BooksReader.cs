using RedPajama.Documents;
using RedPajama.Reading;

namespace RedPajama.Sources.Books;

/// <summary>
/// Picks the reader for a books input by its name: <c>.txt</c> files are raw Gutenberg books (one document each);
/// <c>.jsonl</c>/<c>.json</c> (optionally <c>.gz</c>/<c>.zst</c>) and <c>.parquet</c> files are PG-19 or Books3
/// rows, as RedPajama read them.
/// </summary>
/// <param name="limits">Size limits for whole files and JSON lines.</param>
public sealed class BooksReader(ReadLimits limits) : IDocumentReader
{
    private readonly WholeFileReader _text = new(limits.MaxRecordBytes);
    private readonly JsonlRowReader _jsonl = new(limits.MaxLineBytes);
    private readonly ParquetRowReader _parquet = new();

    /// <summary>True for file names this reader handles.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>Whether the file is a books input.</returns>
    public static bool Accepts(string path) => Kind(path) is not null;

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        IDocumentReader reader = Kind(input.Path) switch
        {
            "text" => _text,
            "jsonl" => _jsonl,
            "parquet" => _parquet,
            _ => throw new InvalidDataException(
                $"{input.Path}: not a books input (expected .txt, .jsonl, .json, .parquet, optionally .gz or .zst)"),
        };
        return reader.Read(input, content, meta);
    }

    private static string? Kind(string path)
    {
        string inner = InputStreams.InnerName(path);
        if (inner.EndsWith(".txt", StringComparison.Ordinal))
        {
            return "text";
        }

        if (inner.EndsWith(".jsonl", StringComparison.Ordinal) || inner.EndsWith(".json", StringComparison.Ordinal))
        {
            return "jsonl";
        }

        return inner.EndsWith(".parquet", StringComparison.Ordinal) && InputStreams.CompressionOf(path).Length == 0
            ? "parquet"
            : null;
    }
}
