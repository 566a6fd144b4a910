using ParquetSharp;
using ParquetSharp.Schema;
using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Writing;

/// <summary>
/// Writes documents as zstd Parquet: a required <c>text</c> column, a <c>meta</c> struct column with the written meta
/// fields (<see cref="OutputFields.Written"/>, all nullable) — or, in the <see cref="JsonLayout.Flat"/> layout,
/// those fields as top-level columns after <c>text</c> — scored runs a typed column per quality signal (<see cref="ParquetSignalColumns"/>), and in
/// keep-all runs a nullable <c>drop_reason</c> column, the <c>keep</c> verdict and, with near dedup, <c>cluster_id</c>. DuckDB
/// (<c>meta.title</c>), pyarrow and Spark (<c>meta.title</c>) read it without help. Training-ready runs add an
/// <c>input_ids</c> column, a Parquet LIST of int32. Rows are buffered up to a byte
/// budget per row group, which bounds memory whatever the input size.
/// </summary>
/// <remarks>
/// Written with ParquetSharp (Apache Parquet C++) rather than Parquet.Net, which stores the whole minimum and maximum
/// document in every page header and column chunk, four copies per row group: the <c>text</c> column has no statistics
/// at all (nobody filters on the minimum of a text), and other byte-array statistics over 4 KiB are left out, as
/// parquet-mr does. docs/architecture.md has the measurements.
/// </remarks>
public sealed class ParquetDocumentWriter : IDocumentWriter
{
    /// <summary>Rows per row group at most, whatever their size.</summary>
    public const int MaxRowsPerGroup = 100_000;

    /// <summary>zstd level of every column (the zstd CLI's default).</summary>
    public const int ZstdLevel = 3;

    /// <summary>Byte-array statistics larger than this are not written.</summary>
    public const int MaxStatisticsBytes = 4096;

    private readonly AtomicFile _file;
    private readonly OutputFields _fields;
    private readonly bool _flat;
    private readonly long _rowGroupBytes;
    private readonly bool _keepAll;
    private readonly bool _clusterIds;
    private readonly bool _inputIds;
    private readonly ParquetSignalColumns? _signals;
    private readonly ParquetUtf8Column _text = new(nullDefinition: -1);
    private readonly List<object?>[] _metaValues;

    // The text-typed meta fields' values, UTF-8 encoded as they arrive (null for the other types, kept in _metaValues).
    private readonly ParquetUtf8Column?[] _metaStrings;
    private readonly List<string?> _dropReasons = [];
    private readonly List<long?> _clusterIdValues = [];
    private readonly List<int[]?> _inputIdValues = [];
    private ParquetFileWriter? _writer;
    private long _bufferedBytes;
    private bool _completed;

    /// <summary>Creates the part file.</summary>
    /// <param name="path">The final path.</param>
    /// <param name="meta">The meta schema.</param>
    /// <param name="rowGroupBytes">Approximate in-memory size of text buffered before a row group is written.</param>
    /// <param name="keepAll">Add the <c>drop_reason</c> column.</param>
    /// <param name="inputIds">Add the <c>input_ids</c> column from <see cref="Document.InputIds"/>.</param>
    /// <param name="signals">Add a column per document quality signal from <see cref="Document.Signals"/>.</param>
    /// <param name="lineSignals">Also a span-list column per line signal.</param>
    /// <param name="clusterIds">Add a nullable int64 <c>cluster_id</c> column from <see cref="Document.ClusterId"/>.</param>
    public ParquetDocumentWriter(string path, MetaSchema meta, long rowGroupBytes, bool keepAll, bool inputIds = false, bool signals = false, bool lineSignals = false, bool clusterIds = false)
        : this(path, OutputFields.All(meta, JsonLayout.TextThenMeta), rowGroupBytes, keepAll, inputIds, signals, lineSignals, clusterIds)
    {
    }

    /// <summary>Creates the part file.</summary>
    /// <param name="path">The final path.</param>
    /// <param name="fields">The meta fields written; the flat layout makes them top-level columns.</param>
    /// <param name="rowGroupBytes">Approximate in-memory size of text buffered before a row group is written.</param>
    /// <param name="keepAll">Add the <c>drop_reason</c> column.</param>
    /// <param name="inputIds">Add the <c>input_ids</c> column from <see cref="Document.InputIds"/>.</param>
    /// <param name="signals">Add a column per document quality signal from <see cref="Document.Signals"/>.</param>
    /// <param name="lineSignals">Also a span-list column per line signal.</param>
    /// <param name="clusterIds">Add a nullable int64 <c>cluster_id</c> column from <see cref="Document.ClusterId"/>.</param>
    public ParquetDocumentWriter(string path, OutputFields fields, long rowGroupBytes, bool keepAll, bool inputIds = false, bool signals = false, bool lineSignals = false, bool clusterIds = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ParquetNativeLibrary.EnsureResolvable();
        _fields = fields;
        _flat = fields.Layout == JsonLayout.Flat;
        _rowGroupBytes = Math.Max(1, rowGroupBytes);
        _keepAll = keepAll;
        _clusterIds = clusterIds;
        _inputIds = inputIds;
        _metaValues = fields.Written.Select(_ => new List<object?>()).ToArray();

        // A null field inside the optional meta struct is one definition level deeper than a null top-level column.
        _metaStrings = fields.WrittenFields
            .Select(f => f.Type == MetaType.Text ? new ParquetUtf8Column(nullDefinition: (short)(_flat ? 0 : 1)) : null)
            .ToArray();
        _signals = signals ? new ParquetSignalColumns(lineSignals) : null;
        _file = new AtomicFile(path);
    }

    /// <inheritdoc />
    public long Rows { get; private set; }

    /// <inheritdoc />
    public long BufferedBytes => _bufferedBytes;

    /// <inheritdoc />
    public async ValueTask FlushBufferAsync(CancellationToken cancellationToken = default)
    {
        if (_text.Count > 0)
        {
            await Task.Run(Flush, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        _text.Add(document.Text);
        for (int i = 0; i < _metaValues.Length; i++)
        {
            object? value = document.Meta[_fields.Written[i]];
            if (_metaStrings[i] is { } strings)
            {
                strings.Add((string?)value);
            }
            else
            {
                _metaValues[i].Add(value);
            }
        }

        _dropReasons.Add(document.DropReason);
        if (_clusterIds)
        {
            _clusterIdValues.Add(document.ClusterId);
        }

        _bufferedBytes += 2L * document.Text.Length + 64;
        if (_signals is not null)
        {
            _signals.Add(document);
            _bufferedBytes += ParquetSignalColumns.EstimateBytes(document);
        }

        if (_inputIds)
        {
            _inputIdValues.Add(document.InputIds);
            _bufferedBytes += 4L * (document.InputIds?.Length ?? 0);
        }

        Rows++;
        if (_bufferedBytes >= _rowGroupBytes || _text.Count >= MaxRowsPerGroup)
        {
            await Task.Run(Flush, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        await Task.Run(
            () =>
            {
                if (_text.Count > 0 || _writer is null)
                {
                    Flush();
                }

                _writer!.Close();
                _writer.Dispose();
                _writer = null;
            },
            cancellationToken).ConfigureAwait(false);
        _file.Commit();
        _completed = true;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        try
        {
            // Only an abandoned file still has a writer here; it is deleted, so its footer does not matter.
            _writer?.Dispose();
        }
        catch (Exception exception) when (!_completed && exception is IOException or ParquetException)
        {
        }
        finally
        {
            _file.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void Flush()
    {
        _writer ??= CreateWriter();
        if (_text.Count == 0)
        {
            return;
        }

        using (RowGroupWriter group = _writer.AppendRowGroup())
        {
            using (ColumnWriter text = group.NextColumn())
            {
                _text.Write(text);
            }

            for (int i = 0; i < _metaValues.Length; i++)
            {
                MetaType type = _fields.Meta.Fields[_fields.Written[i]].Type;
                if (_metaStrings[i] is { } strings)
                {
                    using ColumnWriter column = group.NextColumn();
                    strings.Write(column);
                }
                else if (_flat)
                {
                    WriteFlatColumn(group, type, _metaValues[i]);
                }
                else
                {
                    WriteMetaColumn(group, type, _metaValues[i]);
                }
            }

            _signals?.Write(group);
            if (_keepAll)
            {
                using (LogicalColumnWriter<string?> reasons = group.NextColumn().LogicalWriter<string?>())
                {
                    reasons.WriteBatch(_dropReasons.ToArray());
                }

                using LogicalColumnWriter<bool> keep = group.NextColumn().LogicalWriter<bool>();
                keep.WriteBatch(_dropReasons.Select(r => r is null).ToArray());
            }

            if (_clusterIds)
            {
                using LogicalColumnWriter<long?> clusters = group.NextColumn().LogicalWriter<long?>();
                clusters.WriteBatch(_clusterIdValues.ToArray());
            }

            if (_inputIds)
            {
                WriteInputIds(group, _inputIdValues);
            }
        }

        _text.Clear();
        _dropReasons.Clear();
        _clusterIdValues.Clear();
        _signals?.Clear();
        _inputIdValues.Clear();
        foreach (List<object?> column in _metaValues)
        {
            column.Clear();
        }

        foreach (ParquetUtf8Column? strings in _metaStrings)
        {
            strings?.Clear();
        }

        _bufferedBytes = 0;
    }

    private ParquetFileWriter CreateWriter()
    {
        var nodes = new List<Node> { ParquetNodes.String("text", Repetition.Required) };
        IReadOnlyList<MetaField> written = _fields.WrittenFields;
        if (_flat)
        {
            nodes.AddRange(written.Select(ToNode));
        }
        else if (written.Count > 0)
        {
            // A struct needs at least one field (Arrow and Spark refuse an empty group), so meta-less sources have none.
            nodes.Add(new GroupNode("meta", Repetition.Optional, [.. written.Select(ToNode)]));
        }

        if (_signals is not null)
        {
            nodes.AddRange(_signals.CreateNodes());
        }

        if (_keepAll)
        {
            nodes.Add(ParquetNodes.String("drop_reason", Repetition.Optional));
            nodes.Add(ParquetNodes.Primitive("keep", Repetition.Required, PhysicalType.Boolean));
        }

        if (_clusterIds)
        {
            nodes.Add(ParquetNodes.Primitive("cluster_id", Repetition.Optional, PhysicalType.Int64));
        }

        if (_inputIds)
        {
            nodes.Add(ParquetNodes.List("input_ids", ParquetNodes.Primitive("element", Repetition.Required, PhysicalType.Int32)));
        }

        using var schema = new GroupNode("schema", Repetition.Required, nodes);
        using WriterPropertiesBuilder builder = new WriterPropertiesBuilder()
            .Compression(Compression.Zstd)
            .CompressionLevel(ZstdLevel)
            .DisableStatistics("text")
            .SetMaxStatisticsSize(MaxStatisticsBytes)
            .CreatedBy("RedPajama.Spark (ParquetSharp)");
        foreach (string offsets in _signals?.OffsetColumnPaths() ?? [])
        {
            builder.DisableDictionary(offsets).Encoding(offsets, Encoding.DeltaBinaryPacked);
        }

        using WriterProperties properties = builder.Build();
        var writer = new ParquetFileWriter(_file.Stream, schema, properties, keyValueMetadata: null, leaveOpen: true);
        foreach (Node node in nodes)
        {
            node.Dispose();
        }

        return writer;
    }

    private static void WriteInputIds(RowGroupWriter group, List<int[]?> rows)
    {
        using var column = (ColumnWriter<int>)group.NextColumn();
        WriteList(column, rows, nullDefinition: 0);
    }

    /// <summary>
    /// Writes a LIST column with explicit levels: a null list at <paramref name="nullDefinition"/>, an empty one a level
    /// higher, elements two higher (the first of a row at repetition 0). A list inside the <c>meta</c> struct starts a
    /// level higher than a top-level one.
    /// </summary>
    private static void WriteList<T>(ColumnWriter<T> column, IReadOnlyList<T[]?> rows, short nullDefinition)
        where T : unmanaged
    {
        int valueCount = rows.Sum(r => r?.Length ?? 0);
        int levelCount = rows.Sum(r => r is { Length: > 0 } ? r.Length : 1);
        var values = new T[valueCount];
        var definitions = new short[levelCount];
        var repetitions = new short[levelCount];
        int v = 0;
        int l = 0;
        foreach (T[]? row in rows)
        {
            if (row is not { Length: > 0 })
            {
                definitions[l] = (short)(row is null ? nullDefinition : nullDefinition + 1);
                repetitions[l++] = 0;
                continue;
            }

            for (int i = 0; i < row.Length; i++)
            {
                values[v++] = row[i];
                definitions[l] = (short)(nullDefinition + 2);
                repetitions[l++] = (short)(i == 0 ? 0 : 1);
            }
        }

        column.WriteBatch(levelCount, definitions, repetitions, values);
    }

    private static void WriteMetaColumn(RowGroupWriter group, MetaType type, List<object?> values)
    {
        using ColumnWriter column = group.NextColumn();
        switch (type)
        {
            case MetaType.Text:
                WriteNested(column, values.Select(v => new Nested<string?>((string?)v)));
                break;
            case MetaType.Integer:
                WriteNested(column, values.Select(v => new Nested<long?>((long?)v)));
                break;
            case MetaType.Float:
                WriteNested(column, values.Select(v => new Nested<double?>((double?)v)));
                break;
            case MetaType.Boolean:
                WriteNested(column, values.Select(v => new Nested<bool?>((bool?)v)));
                break;
            case MetaType.IntegerList:
                WriteList((ColumnWriter<long>)column, [.. values.Select(v => (long[]?)v)], nullDefinition: 1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private static void WriteFlatColumn(RowGroupWriter group, MetaType type, List<object?> values)
    {
        using ColumnWriter column = group.NextColumn();
        switch (type)
        {
            case MetaType.Text:
                WriteFlat(column, values.Select(v => (string?)v));
                break;
            case MetaType.Integer:
                WriteFlat(column, values.Select(v => (long?)v));
                break;
            case MetaType.Float:
                WriteFlat(column, values.Select(v => (double?)v));
                break;
            case MetaType.Boolean:
                WriteFlat(column, values.Select(v => (bool?)v));
                break;
            case MetaType.IntegerList:
                // A top-level list: one definition level less than inside the meta struct.
                WriteList((ColumnWriter<long>)column, [.. values.Select(v => (long[]?)v)], nullDefinition: 0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private static void WriteFlat<T>(ColumnWriter column, IEnumerable<T> values)
    {
        using LogicalColumnWriter<T> writer = column.LogicalWriter<T>();
        writer.WriteBatch([.. values]);
    }

    private static void WriteNested<T>(ColumnWriter column, IEnumerable<Nested<T>> values)
    {
        using LogicalColumnWriter<Nested<T>?> writer = column.LogicalWriter<Nested<T>?>();
        writer.WriteBatch([.. values.Select(v => (Nested<T>?)v)]);
    }

    private static Node ToNode(MetaField field) => field.Type switch
    {
        MetaType.Text => ParquetNodes.String(field.Name, Repetition.Optional),
        MetaType.Integer => ParquetNodes.Primitive(field.Name, Repetition.Optional, PhysicalType.Int64),
        MetaType.Float => ParquetNodes.Primitive(field.Name, Repetition.Optional, PhysicalType.Double),
        MetaType.Boolean => ParquetNodes.Primitive(field.Name, Repetition.Optional, PhysicalType.Boolean),
        MetaType.IntegerList => ParquetNodes.List(field.Name, ParquetNodes.Primitive("element", Repetition.Required, PhysicalType.Int64)),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
