using System.Text;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Udfs.Hashing;
using RedPajama.Udfs.Quality;

namespace RedPajama.Engine.Rows;

/// <summary>
/// The row form of a pipeline's per-document part, for engines that move documents as flat rows of strings and
/// numbers (a Spark UDF returns one such row as a struct). A row holds, in <see cref="Columns"/> order:
/// <c>_rp_record</c>, <c>_rp_text</c>, <c>_rp_dropped_by</c> (the step that dropped it, or null), <c>_rp_drop_reason</c>,
/// one <c>_rp_key_&lt;k&gt;</c> per keyed step (32 hex digits, or for a step with several keys per document those keys
/// separated by spaces; null when the document does not take part), then the
/// meta fields, then the document quality signals when the pipeline writes them. The reader and the per-document steps are the pipeline's own, so both engines compute the same rows.
/// </summary>
public sealed class DocumentRowCodec
{
    /// <summary>Creates the codec of a pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    public DocumentRowCodec(PipelineDescription pipeline)
    {
        Pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        if (pipeline.Meta.Fields.FirstOrDefault(f => f.Name.StartsWith(ReservedPrefix, StringComparison.Ordinal)) is { } reserved)
        {
            throw new ArgumentException($"meta field '{reserved.Name}': names starting with '{ReservedPrefix}' are reserved for engine columns", nameof(pipeline));
        }

        var columns = new List<RowColumn>
        {
            new(RecordColumn, MetaType.Integer),
            new(TextColumn, MetaType.Text),
            new(DroppedByColumn, MetaType.Text),
            new(DropReasonColumn, MetaType.Text),
        };
        columns.AddRange(pipeline.Segments[0].GroupedSteps.Select((_, k) => new RowColumn(KeyColumn(k), MetaType.Text)));
        MetaOffset = columns.Count;
        columns.AddRange(pipeline.Meta.Fields.Select(f => new RowColumn(f.Name, f.Type)));
        SignalOffset = columns.Count;
        if (pipeline.WritesSignals)
        {
            columns.AddRange(SignalCatalog.DocumentSignals.Select(d => new RowColumn(d.Name, d.Kind == SignalValueKind.Integer ? MetaType.Integer : MetaType.Float)));
        }

        Columns = columns;
    }

    /// <summary>Prefix of every engine column (and of every column an engine adds beside the row), never of a meta field.</summary>
    public const string ReservedPrefix = "_rp_";

    /// <summary>The record's index in its file (with the file's path, the order key).</summary>
    public const string RecordColumn = ReservedPrefix + "record";

    /// <summary>The document text.</summary>
    public const string TextColumn = ReservedPrefix + "text";

    /// <summary>The step that dropped the document, or null.</summary>
    public const string DroppedByColumn = ReservedPrefix + "dropped_by";

    /// <summary>Why the document was dropped, or null.</summary>
    public const string DropReasonColumn = ReservedPrefix + "drop_reason";

    /// <summary>The pipeline the rows come from.</summary>
    public PipelineDescription Pipeline { get; }

    /// <summary>The row's columns.</summary>
    public IReadOnlyList<RowColumn> Columns { get; }

    /// <summary>Index of the first meta column.</summary>
    public int MetaOffset { get; }

    /// <summary>
    /// Index of the first document-signal column (one per <see cref="SignalCatalog.DocumentSignals"/> entry, when the
    /// pipeline writes signals; line signals are not part of the row).
    /// </summary>
    public int SignalOffset { get; }

    /// <summary>Name of the key column of keyed step <paramref name="step"/>.</summary>
    /// <param name="step">Index of the keyed step.</param>
    /// <returns>The column name.</returns>
    public static string KeyColumn(int step) => FormattableString.Invariant($"{ReservedPrefix}key_{step}");

    /// <summary>Reads every record of a whole file and returns its rows, in file order.</summary>
    /// <param name="path">The file's path (its name tells format and compression).</param>
    /// <param name="content">The file's bytes as stored.</param>
    /// <returns>One row per record.</returns>
    public IReadOnlyList<object?[]> FromFile(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var input = new InputFile(0, path, content.LongLength);
        using var stream = new MemoryStream(content, writable: false);
        return Pipeline.Reader.Read(input, stream, Pipeline.Meta).Select(ToRow).ToList();
    }

    /// <summary>
    /// Reads a whole input file as the local engine does (the source's reader, its decompression and size limits):
    /// a failure part way (a truncated gzip, an unreadable Parquet footer) ends the file and is returned as its
    /// input error, with the rows read before it.
    /// </summary>
    /// <param name="path">The file's path (its name tells format and compression).</param>
    /// <param name="content">The file's bytes as stored.</param>
    /// <returns>The rows and the failure, if any.</returns>
    public FileRows ReadFile(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        var rows = new List<object?[]>();
        var input = new InputFile(0, path, content.LongLength);
        using var stream = new MemoryStream(content, writable: false);
        try
        {
            foreach (Document document in Pipeline.Reader.Read(input, stream, Pipeline.Meta))
            {
                rows.Add(ToRow(document));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The input's own failure, as LocalEngine.InputDocuments catches it.
            return new FileRows(rows, new InputError(path, InputError.Describe(exception), rows.Count));
        }

        return new FileRows(rows, null);
    }

    /// <summary>A row as one JSON object keyed by <see cref="Columns"/> names (what Spark's <c>from_json</c> parses back).</summary>
    /// <param name="row">A row of this codec.</param>
    /// <returns>The JSON text; non-finite numbers are written as null, which JSON cannot hold.</returns>
    public string ToJson(object?[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (int c = 0; c < Columns.Count; c++)
            {
                writer.WritePropertyName(Columns[c].Name);
                switch (row[c])
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case string text:
                        writer.WriteStringValue(text);
                        break;
                    case long integer:
                        writer.WriteNumberValue(integer);
                        break;
                    case int integer:
                        writer.WriteNumberValue(integer);
                        break;
                    case double real when double.IsFinite(real):
                        writer.WriteNumberValue(real);
                        break;
                    case double:
                        writer.WriteNullValue();
                        break;
                    case bool flag:
                        writer.WriteBooleanValue(flag);
                        break;
                    default:
                        writer.WriteStringValue(Convert.ToString(row[c], System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses one JSON line (a PG-19 or Books3 row) and returns its row.</summary>
    /// <param name="record">Index of the line in its file.</param>
    /// <param name="line">The JSON text.</param>
    /// <returns>The row.</returns>
    public object?[] FromJsonLine(long record, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var document = new Document(new OrderKey(0, record), Pipeline.Meta.Count);
        JsonlRowReader.Parse(Encoding.UTF8.GetBytes(line), Pipeline.Meta, document);
        return ToRow(document);
    }

    // One key is 32 hex digits; several (LSH bands) are joined by spaces, which Spark splits and explodes.
    private static string? KeysText(GroupedStep step, Document document)
    {
        var keys = new GroupKeys();
        step.EmitKeys(document, keys);
        return keys.Count == 0 ? null : string.Join(' ', Enumerable.Range(0, keys.Count).Select(e => ContentHash.ToHex(keys.Key(e))));
    }

    private object?[] ToRow(Document document)
    {
        PipelineSegment first = Pipeline.Segments[0];
        int stoppedAt = DocumentStepRunner.Apply(first.DocumentSteps, document);
        object?[] row = new object?[Columns.Count];
        row[0] = document.Order.Record;
        row[1] = document.Text;
        row[2] = stoppedAt switch
        {
            -1 => DocumentStepRunner.ReadStepName,
            _ when stoppedAt < first.DocumentSteps.Count => first.DocumentSteps[stoppedAt].Name,
            _ => null,
        };
        row[3] = document.DropReason;
        if (!document.IsDropped)
        {
            for (int k = 0; k < first.GroupedSteps.Count; k++)
            {
                row[4 + k] = KeysText(first.GroupedSteps[k], document);
            }
        }

        Array.Copy(document.Meta, 0, row, MetaOffset, document.Meta.Length);
        if (Pipeline.WritesSignals && document.Signals is { } signals)
        {
            for (int s = 0; s < signals.Document.Length; s++)
            {
                double value = signals.Document[s];
                row[SignalOffset + s] = double.IsNaN(value) ? null
                    : SignalCatalog.DocumentSignals[s].Kind == SignalValueKind.Integer ? (long)value : value;
            }
        }

        return row;
    }
}
