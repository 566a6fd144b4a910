using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Writing;

namespace RedPajama.Sources.Documents;

/// <summary>
/// Reads documents from JSON lines (<c>.jsonl</c>/<c>.json</c>, optionally <c>.gz</c>/<c>.zst</c>) and Parquet files:
/// <c>text</c> is the text, the meta schema's fields are read from the top level or from a <c>meta</c> object or struct,
/// and from the path for a file in Hive partition directories (<c>language=en/part-00000.parquet</c>, as this project
/// and Spark write partitioned outputs).
/// </summary>
/// <param name="limits">Size limits of a JSON line.</param>
/// <param name="keepSourceLines">Keep each JSON line in <see cref="Document.SourceLine"/> (for <see cref="Writing.OutputFormat.SourceJsonl"/>).</param>
/// <param name="textKey">The field or column that holds the text.</param>
public sealed class DocumentsReader(ReadLimits limits, bool keepSourceLines = false, string textKey = "text") : IDocumentReader
{
    private readonly JsonlRowReader _jsonl = new((limits ?? throw new ArgumentNullException(nameof(limits))).MaxLineBytes, keepSourceLines, textKey: textKey);
    private readonly ParquetRowReader _parquet = new(textKey);

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
        IEnumerable<Document> documents = reader.Read(input, content, meta);

        // A Hive-partitioned output (language=en/part-00000.parquet) keeps its partition columns in the path only.
        (int Index, object? Value)[] partitions = [.. HivePartitions.FromPath(input.Path)
            .Select(p => (Index: meta.IndexOf(p.Key), Text: p.Value))
            .Where(p => p.Index >= 0)
            .Select(p => (p.Index, HivePartitions.ValueOf(p.Text, meta.Fields[p.Index].Type)))];
        return partitions.Length == 0 ? documents : WithPartitionValues(documents, partitions);
    }

    private static IEnumerable<Document> WithPartitionValues(IEnumerable<Document> documents, (int Index, object? Value)[] partitions)
    {
        foreach (Document document in documents)
        {
            foreach ((int index, object? value) in partitions)
            {
                // A value the file itself holds wins (files Spark wrote never hold their partition columns).
                document.Meta[index] ??= value;
            }

            yield return document;
        }
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
