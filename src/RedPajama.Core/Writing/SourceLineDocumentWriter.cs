using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RedPajama.Documents;

namespace RedPajama.Writing;

/// <summary>
/// Writes <see cref="OutputFormat.SourceJsonl"/>: each document's input JSON line as it was read, so every input field
/// is kept (the <c>dedup</c> commands' contract), with <c>"cluster_id"</c> added when the document has one. When a
/// step edits texts (<paramref name="rewrite"/>: CCNet's line dedup) each line is rewritten instead: the new text in
/// place of the old, the non-null meta values the pipeline set (<c>nlines</c>, <c>original_nlines</c>) and, when the
/// schema has <c>nlines</c>, <c>"line_ids"</c>: the indices of the source text's lines that remain. Documents without
/// a source line (dropped when read, in keep-all runs) are not written.
/// </summary>
/// <param name="path">The part file's final path.</param>
/// <param name="meta">The meta schema.</param>
/// <param name="rewrite">Whether texts may have been edited.</param>
public sealed class SourceLineDocumentWriter(string path, MetaSchema meta, bool rewrite) : IDocumentWriter
{
    // Keeps non-ASCII text and '+' as they are instead of \uXXXX escapes.
    private static readonly JsonSerializerOptions s_relaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly AtomicFile _file = new(path);
    private readonly MetaSchema _meta = meta ?? throw new ArgumentNullException(nameof(meta));
    private readonly bool _lineIds = meta.IndexOf("nlines") >= 0;

    /// <inheritdoc />
    public long Rows { get; private set; }

    /// <inheritdoc />
    public ValueTask WriteAsync(Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.SourceLine is not { } line)
        {
            return ValueTask.CompletedTask;
        }

        Stream stream = _file.Stream;
        if (rewrite)
        {
            stream.Write(Encoding.UTF8.GetBytes(Rewrite(line, document).ToJsonString(s_relaxedJson)));
        }
        else if (document.ClusterId is { } cluster)
        {
            WriteWithFields(stream, line, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\"cluster_id\": {cluster}")));
        }
        else
        {
            stream.Write(line);
        }

        stream.WriteByte((byte)'\n');
        Rows++;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Writes a JSON object line with more fields before its closing brace (no line break): the object minus its
    /// closing brace, then the fields, so every input field stays as it was.
    /// </summary>
    /// <param name="output">The destination.</param>
    /// <param name="line">A JSON object, UTF-8.</param>
    /// <param name="fields">The fields to add, UTF-8 <c>"name": value</c> pairs separated by commas.</param>
    public static void WriteWithFields(Stream output, ReadOnlySpan<byte> line, ReadOnlySpan<byte> fields)
    {
        ArgumentNullException.ThrowIfNull(output);
        ReadOnlySpan<byte> body = line.TrimEnd(" \t\r"u8)[..^1];
        output.Write(body);
        output.Write(body.Trim(" \t\r"u8).Length > 1 ? ", "u8 : []);
        output.Write(fields);
        output.WriteByte((byte)'}');
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        _file.Commit();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // Abandoned when not completed: the temporary file is deleted.
        _file.Dispose();
        return ValueTask.CompletedTask;
    }

    private JsonObject Rewrite(byte[] line, Document document)
    {
        JsonObject node = JsonNode.Parse(line)!.AsObject();
        string[] before = (node["text"]?.GetValue<string>() ?? string.Empty).Split('\n');
        node["text"] = document.Text;
        for (int i = 0; i < _meta.Count; i++)
        {
            if (document.Meta[i] is { } value)
            {
                node[_meta.Fields[i].Name] = value switch
                {
                    long number => JsonValue.Create(number),
                    double number => JsonValue.Create(number),
                    bool flag => JsonValue.Create(flag),
                    _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
                };
            }
        }

        if (_lineIds)
        {
            // Line dedup only removes lines, so the kept lines are a subsequence of the source's: match them in order.
            var ids = new JsonArray();
            int next = 0;
            foreach (string kept in document.Text.Split('\n'))
            {
                while (next < before.Length && before[next] != kept)
                {
                    next++;
                }

                ids.Add(next++);
            }

            node["line_ids"] = ids;
        }

        return node;
    }
}
