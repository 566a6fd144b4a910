using System.Globalization;
using System.Text;
using System.Text.Json;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Udfs.Quality;

namespace RedPajama.Engine.Rows;

/// <summary>
/// A pipeline's per-document part as flat rows of strings and numbers, for engines that move documents as rows (a
/// Spark UDF returns one row as JSON). Pass 0 reads a file and runs the first segment's per-document steps; pass
/// <c>p</c> applies the edits the previous segment's editing step sent back, then segment <c>p</c>'s per-document steps
/// (<see cref="Passes"/>). Every pass fills the entry columns of its segment's grouped steps. Columns are addressed by
/// name (<see cref="Index"/>): the engine columns <see cref="InputColumn"/>, <see cref="RecordColumn"/>, <see cref="TextColumn"/>,
/// <see cref="DroppedByColumn"/>, <see cref="DropReasonColumn"/>, one <see cref="EntriesColumn"/> per grouped step, then
/// the meta fields by their own names, then the document quality signals when the pipeline writes them. Engine columns
/// carry <see cref="ReservedPrefix"/>, which no meta field may.
/// </summary>
public sealed class SegmentRows
{
    /// <summary>Prefix of every engine column (and of every column an engine adds beside the row), never of a meta field.</summary>
    public const string ReservedPrefix = "_rp_";

    /// <summary>The record's index in its file (with the file's path, the order key).</summary>
    public const string RecordColumn = ReservedPrefix + "record";

    /// <summary>The input's index among the run's files in path order (the order key's first half; a per-input scope).</summary>
    public const string InputColumn = ReservedPrefix + "input";

    /// <summary>The document text.</summary>
    public const string TextColumn = ReservedPrefix + "text";

    /// <summary>The step that dropped the document, or null.</summary>
    public const string DroppedByColumn = ReservedPrefix + "dropped_by";

    /// <summary>Why the document was dropped, or null.</summary>
    public const string DropReasonColumn = ReservedPrefix + "drop_reason";

    private readonly Dictionary<string, int> _index;

    /// <summary>Creates the rows of a pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    public SegmentRows(PipelineDescription pipeline)
    {
        Pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        if (pipeline.Meta.Fields.FirstOrDefault(f => f.Name.StartsWith(ReservedPrefix, StringComparison.Ordinal)) is { } reserved)
        {
            throw new ArgumentException($"meta field '{reserved.Name}': names starting with '{ReservedPrefix}' are reserved for engine columns", nameof(pipeline));
        }

        var columns = new List<RowColumn>
        {
            new(InputColumn, MetaType.Integer),
            new(RecordColumn, MetaType.Integer),
            new(TextColumn, MetaType.Text),
            new(DroppedByColumn, MetaType.Text),
            new(DropReasonColumn, MetaType.Text),
        };
        columns.AddRange(pipeline.Steps.Select((s, i) => (s, i)).Where(p => p.s is GroupedStep).Select(p => new RowColumn(EntriesColumn(p.i), MetaType.Text)));
        columns.AddRange(pipeline.Meta.Fields.Select(f => new RowColumn(f.Name, f.Type)));
        if (pipeline.WritesSignals)
        {
            columns.AddRange(SignalCatalog.DocumentSignals.Select(d => new RowColumn(d.Name, d.Kind == SignalValueKind.Integer ? MetaType.Integer : MetaType.Float)));
        }

        Columns = columns;
        _index = columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

        // An editing step ends a segment; when nothing follows it, one more pass only applies its edits.
        IReadOnlyList<PipelineSegment> segments = pipeline.Segments;
        Passes = segments[^1].GroupedSteps is [.., { EditsDocuments: true }]
            ? [.. segments, new PipelineSegment(pipeline.Steps.Count, [], [])]
            : segments;
    }

    /// <summary>The pipeline the rows come from.</summary>
    public PipelineDescription Pipeline { get; }

    /// <summary>The row's columns.</summary>
    public IReadOnlyList<RowColumn> Columns { get; }

    /// <summary>
    /// The passes over the documents: the pipeline's segments, plus an empty one that applies the last segment's edits
    /// when it ends with an editing step.
    /// </summary>
    public IReadOnlyList<PipelineSegment> Passes { get; }

    /// <summary>
    /// Name of the entries column of the grouped step at <paramref name="stepIndex"/> in <see cref="PipelineDescription.Steps"/>:
    /// its entries in entry order, separated by spaces, each the key as 32 hex digits, then <c>:</c> and the payload
    /// in base64 when it has one (<see cref="GroupRows"/>); null when the document gives none.
    /// </summary>
    /// <param name="stepIndex">The step's index in the pipeline.</param>
    /// <returns>The column name.</returns>
    public static string EntriesColumn(int stepIndex) => string.Create(CultureInfo.InvariantCulture, $"{ReservedPrefix}entries_{stepIndex}");

    /// <summary>The position of a column in a row.</summary>
    /// <param name="column">The column's name.</param>
    /// <returns>Its index.</returns>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public int Index(string column) =>
        _index.TryGetValue(column, out int index) ? index : throw new KeyNotFoundException($"the rows of {Pipeline.Source} have no column '{column}'");

    /// <summary>A row's value in a column.</summary>
    /// <param name="row">A row of these columns.</param>
    /// <param name="column">The column's name.</param>
    /// <returns>The value.</returns>
    public object? Get(object?[] row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row[Index(column)];
    }

    /// <summary>Sets a row's value in a column.</summary>
    /// <param name="row">A row of these columns.</param>
    /// <param name="column">The column's name.</param>
    /// <param name="value">The value.</param>
    public void Set(object?[] row, string column, object? value)
    {
        ArgumentNullException.ThrowIfNull(row);
        row[Index(column)] = value;
    }

    /// <summary>
    /// Pass 0: reads a whole input file as the local engine does (the source's reader, its decompression and size
    /// limits) and runs the first segment's per-document steps; a failure part way (a truncated gzip, an unreadable
    /// Parquet footer) ends the file and is returned as its input error, with the rows read before it.
    /// </summary>
    /// <param name="input">The file's index among the run's files (path order), as the local engine numbers inputs.</param>
    /// <param name="path">The file's path (its name tells format and compression).</param>
    /// <param name="content">The file's bytes as stored.</param>
    /// <returns>The rows and the failure, if any.</returns>
    public FileRows ReadFile(int input, string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        return Read(new InputFile(input, path, content.LongLength), () => new MemoryStream(content, writable: false));
    }

    /// <summary>
    /// Pass 0 over an input the job reads itself rather than through <c>binaryFile</c> (a listing's entries): opens it
    /// with <see cref="InputStreams.Open"/> — an <c>http(s)://</c> URL is downloaded while it is parsed, with the
    /// pipeline's retries and resumes (<see cref="PipelineDescription.Downloads"/>), a path is opened as a local
    /// file — then as <see cref="ReadFile"/>. A file that cannot be opened (404) or fails part way is the input's
    /// error, with the rows read before it.
    /// </summary>
    /// <param name="input">The input's index among the run's inputs.</param>
    /// <param name="path">The URL or path.</param>
    /// <returns>The rows and the failure, if any.</returns>
    public FileRows ReadFrom(int input, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(new InputFile(input, path, 0, Listed: true), () => InputStreams.OpenInput(path, Pipeline.Downloads));
    }

    /// <summary>
    /// Pass 0 over one range of a file the reader splits (<see cref="InputSplitting"/>), opened by path inside the
    /// executor, as the local engine reads the same range: the range's failure is its input error, with the rows read
    /// before it.
    /// </summary>
    /// <param name="input">The range's index among the run's inputs (after splitting).</param>
    /// <param name="path">The file's local path, which every executor must be able to open.</param>
    /// <param name="start">The range's first byte.</param>
    /// <param name="end">The offset just past its last byte.</param>
    /// <returns>The rows and the failure, if any.</returns>
    public FileRows ReadRange(int input, string path, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new InputFile(input, path, end - start, Listed: true, new InputRange(start, end));
        return Read(file, () => InputStreams.OpenInput(file, Pipeline.Downloads));
    }

    private FileRows Read(InputFile file, Func<Stream> open)
    {
        var rows = new List<object?[]>();
        Stream? stream = null;
        try
        {
            stream = open();
            foreach (Document document in Pipeline.Reader.Read(file, stream, Pipeline.Meta))
            {
                object?[] row = new object?[Columns.Count];
                RunSegment(Passes[0], document, row);
                rows.Add(row);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The input's own failure, as LocalEngine.InputDocuments catches it; a download's outranks the decompressor's.
            return new FileRows(rows, new InputError(file.Name, InputError.Describe(InputStreams.FailureOf(stream) ?? exception), rows.Count));
        }
        finally
        {
            stream?.Dispose();
        }

        // A plain .wet download given up part way ends like a complete file; the failure says it was not.
        return new FileRows(rows, InputStreams.FailureOf(stream) is { } failure ? new InputError(file.Name, InputError.Describe(failure), rows.Count) : null);
    }

    /// <summary>
    /// Pass <paramref name="pass"/> (≥ 1) over one row: the edits the previous pass's editing step sent back
    /// (<see cref="GroupedStep.Apply"/>; a drop there is the grouped step's), then the pass's per-document steps and
    /// its grouped steps' entries. A dropped row comes back as it is.
    /// </summary>
    /// <param name="pass">The pass, 1 to <see cref="Passes"/>.Count - 1.</param>
    /// <param name="row">The row as the previous pass and grouped steps left it.</param>
    /// <param name="edits">The document's edits (any order), or none.</param>
    /// <returns>A new row.</returns>
    public object?[] ApplyPass(int pass, object?[] row, IReadOnlyList<GroupEdit>? edits)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentOutOfRangeException.ThrowIfLessThan(pass, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pass, Passes.Count);
        object?[] result = (object?[])row.Clone();
        if (Get(row, DropReasonColumn) is not null)
        {
            return result;
        }

        var order = new OrderKey(Convert.ToInt32(Get(row, InputColumn), CultureInfo.InvariantCulture), Convert.ToInt64(Get(row, RecordColumn), CultureInfo.InvariantCulture));
        var document = new Document(order, Pipeline.Meta.Count)
        {
            Text = (string?)Get(row, TextColumn) ?? string.Empty,
        };
        for (int f = 0; f < Pipeline.Meta.Count; f++)
        {
            document.Meta[f] = row[Index(Pipeline.Meta.Fields[f].Name)];
        }

        GroupedStep? editing = Passes[pass - 1].GroupedSteps is [.., { EditsDocuments: true } last] ? last : null;
        if (edits is { Count: > 0 } && editing is null)
        {
            throw new InvalidOperationException($"pass {pass} got edits, but pass {pass - 1} ends with no editing step");
        }

        if (editing is not null && DocumentStepRunner.ApplyEdits(editing, document, edits is { Count: > 0 } ? [.. edits.OrderBy(e => e.Entry)] : []))
        {
            // As in the local engine: written as the edit left it, counted under the grouped step.
            Set(result, TextColumn, document.Text);
            for (int f = 0; f < Pipeline.Meta.Count; f++)
            {
                result[Index(Pipeline.Meta.Fields[f].Name)] = document.Meta[f];
            }

            Set(result, DroppedByColumn, editing.Name);
            Set(result, DropReasonColumn, document.DropReason);
            return result;
        }

        RunSegment(Passes[pass], document, result);
        return result;
    }

    /// <summary>A row as one JSON object keyed by <see cref="Columns"/> names (what Spark's <c>from_json</c> parses back).</summary>
    /// <param name="row">A row of these columns.</param>
    /// <returns>The JSON text; non-finite numbers are written as null, which JSON cannot hold.</returns>
    public string ToJson(object?[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
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
                    case long[] list:
                        writer.WriteStartArray();
                        foreach (long item in list)
                        {
                            writer.WriteNumberValue(item);
                        }

                        writer.WriteEndArray();
                        break;
                    default:
                        writer.WriteStringValue(Convert.ToString(row[c], CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// A row from a JSON object keyed by column names (Spark's <c>to_json</c> of the row struct, which leaves out null
    /// fields); values take the column's type.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The row.</returns>
    public object?[] FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        object?[] row = new object?[Columns.Count];
        using JsonDocument parsed = JsonDocument.Parse(json);
        foreach (JsonProperty property in parsed.RootElement.EnumerateObject())
        {
            if (!_index.TryGetValue(property.Name, out int c) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            JsonElement value = property.Value;
            row[c] = Columns[c].Type switch
            {
                MetaType.Integer => value.GetInt64(),
                MetaType.Float => value.GetDouble(),
                MetaType.Boolean => value.GetBoolean(),
                MetaType.IntegerList => value.EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                MetaType.Json => new JsonText(value.GetString()!),
                _ => value.GetString(),
            };
        }

        return row;
    }

    // Runs a segment's per-document steps on a document and writes the outcome and its entries into the row.
    private void RunSegment(PipelineSegment segment, Document document, object?[] row)
    {
        int stoppedAt = DocumentStepRunner.Apply(segment.DocumentSteps, document);
        Set(row, InputColumn, (long)document.Order.Input);
        Set(row, RecordColumn, document.Order.Record);
        Set(row, TextColumn, document.Text);
        Set(row, DroppedByColumn, stoppedAt switch
        {
            -1 => DocumentStepRunner.ReadStepName,
            _ when stoppedAt < segment.DocumentSteps.Count => segment.DocumentSteps[stoppedAt].Name,
            _ => null,
        });
        Set(row, DropReasonColumn, document.DropReason);
        if (!document.IsDropped)
        {
            for (int g = 0; g < segment.GroupedSteps.Count; g++)
            {
                Set(row, EntriesColumn(segment.FirstGroupedStep + g), GroupRows.EntriesText(segment.GroupedSteps[g], document));
            }
        }

        for (int f = 0; f < Pipeline.Meta.Count; f++)
        {
            row[Index(Pipeline.Meta.Fields[f].Name)] = document.Meta[f];
        }

        if (Pipeline.WritesSignals && document.Signals is { } signals)
        {
            for (int s = 0; s < signals.Document.Length; s++)
            {
                double value = signals.Document[s];
                SignalDefinition definition = SignalCatalog.DocumentSignals[s];
                row[Index(definition.Name)] = double.IsNaN(value) ? null
                    : definition.Kind == SignalValueKind.Integer ? (long)value : value;
            }
        }
    }
}
