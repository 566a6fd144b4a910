using System.Text;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Quality;
using ZstdSharp;

namespace RedPajama.Writing;

/// <summary>
/// Writes documents as RedPajama-shaped JSON lines: <c>{"meta": {…}, "text": …}</c>, <c>{"text": …, "meta": {…}}</c>
/// or flat <c>{"text": …, "source": …}</c> per the source's <see cref="JsonLayout"/>, with only the non-null written
/// meta fields (<see cref="OutputFields.Written"/>, in that order), in Python <c>json.dumps</c> format
/// (<see cref="PythonJson"/>). Scored runs add <c>"quality_signals"</c> in RedPajama-V2's
/// span format. In keep-all runs a dropped document also gets <c>"drop_reason"</c>, and every document its
/// <c>"keep"</c> verdict. Optionally zstd-compressed.
/// </summary>
public sealed class JsonlDocumentWriter : IDocumentWriter
{
    private readonly AtomicFile _file;
    private readonly Stream _stream;
    private readonly StreamWriter _text;
    private readonly OutputFields _fields;
    private readonly bool _signals;
    private readonly bool _keepAll;
    private readonly StringBuilder _line = new();
    private bool _completed;

    /// <summary>Creates the part file.</summary>
    /// <param name="path">The final path.</param>
    /// <param name="fields">The meta fields written and the layout.</param>
    /// <param name="zstdLevel">Null for plain JSON lines; otherwise the zstd level.</param>
    /// <param name="signals">Write a <c>quality_signals</c> object (RedPajama-V2's format) from <see cref="Document.Signals"/>.</param>
    /// <param name="keepAll">Write each document's <c>keep</c> verdict (keep-all runs).</param>
    public JsonlDocumentWriter(string path, OutputFields fields, int? zstdLevel, bool signals = false, bool keepAll = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = fields;
        _signals = signals;
        _keepAll = keepAll;
        _file = new AtomicFile(path);
        _stream = zstdLevel is { } level ? new CompressionStream(_file.Stream, level, leaveOpen: true) : _file.Stream;
        // ensure_ascii output is pure ASCII: one byte per char, written straight from the line buffer.
        _text = new StreamWriter(_stream, Encoding.ASCII, 1 << 16, leaveOpen: true);
    }

    /// <inheritdoc />
    public long Rows { get; private set; }

    /// <summary>Formats one document as a JSON line, without the newline.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="document">The document.</param>
    /// <param name="meta">The meta schema.</param>
    /// <param name="layout">The key order.</param>
    /// <param name="signals">Add the document's <c>quality_signals</c> (when it has them).</param>
    /// <param name="keepAll">Add <c>"keep": true|false</c>, the filter verdict of a keep-all run.</param>
    public static void Format(StringBuilder output, Document document, MetaSchema meta, JsonLayout layout, bool signals = false, bool keepAll = false) =>
        Format(output, document, OutputFields.All(meta, layout), signals, keepAll);

    /// <summary>Formats one document as a JSON line, without the newline.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="document">The document.</param>
    /// <param name="fields">The meta fields written and the layout.</param>
    /// <param name="signals">Add the document's <c>quality_signals</c> (when it has them).</param>
    /// <param name="keepAll">Add <c>"keep": true|false</c>, the filter verdict of a keep-all run.</param>
    public static void Format(StringBuilder output, Document document, OutputFields fields, bool signals = false, bool keepAll = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(fields);
        output.Append('{');
        switch (fields.Layout)
        {
            case JsonLayout.MetaThenText:
                output.Append("\"meta\": {");
                AppendFields(output, document, fields);
                output.Append("}, \"text\": ");
                PythonJson.WriteString(output, document.Text);
                break;
            case JsonLayout.Flat:
                output.Append("\"text\": ");
                PythonJson.WriteString(output, document.Text);
                int separator = output.Length;
                if (!AppendFields(output.Append(", "), document, fields))
                {
                    output.Length = separator;
                }

                break;
            default:
                output.Append("\"text\": ");
                PythonJson.WriteString(output, document.Text);
                output.Append(", \"meta\": {");
                AppendFields(output, document, fields);
                output.Append('}');
                break;
        }

        if (signals && document.Signals is { } values)
        {
            output.Append(", \"quality_signals\": ");
            SignalJson.Append(output, values, document.Text.EnumerateRunes().Count());
        }

        if (document.InputIds is { } ids)
        {
            // json.dumps spells a list of ints as [1, 2, 3].
            output.Append(", \"input_ids\": [");
            for (int i = 0; i < ids.Length; i++)
            {
                if (i > 0)
                {
                    output.Append(", ");
                }

                output.Append(ids[i]);
            }

            output.Append(']');
        }

        if (document.DropReason is { } reason)
        {
            output.Append(", \"drop_reason\": ");
            PythonJson.WriteString(output, reason);
        }

        if (keepAll)
        {
            output.Append(document.IsDropped ? ", \"keep\": false" : ", \"keep\": true");
        }

        if (document.ClusterId is { } cluster)
        {
            output.Append(", \"cluster_id\": ").Append(cluster);
        }

        output.Append('}');
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(Document document, CancellationToken cancellationToken = default)
    {
        _line.Clear();
        Format(_line, document, _fields, _signals, _keepAll);
        _line.Append('\n');
        _text.Write(_line);
        Rows++;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        await _text.DisposeAsync().ConfigureAwait(false);
        if (!ReferenceEquals(_stream, _file.Stream))
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        _file.Commit();
        _completed = true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_completed)
            {
                // Abandoned: whatever still reaches the temporary file is deleted with it.
                _text.Dispose();
                if (!ReferenceEquals(_stream, _file.Stream))
                {
                    await _stream.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _file.Dispose();
        }
    }

    // The non-null written fields as "name": value pairs; false when none was written.
    private static bool AppendFields(StringBuilder output, Document document, OutputFields fields)
    {
        bool first = true;
        foreach (int i in fields.Written)
        {
            if (document.Meta[i] is not { } value)
            {
                continue;
            }

            if (!first)
            {
                output.Append(", ");
            }

            first = false;
            PythonJson.WriteString(output, fields.Meta.Fields[i].Name);
            output.Append(": ");
            PythonJson.WriteValue(output, value);
        }

        return !first;
    }
}
