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
/// budget per row group, which bounds memory whatever the input size. Without LIST columns a row group is written
/// 1024 rows at a time on the thread pool while the next rows arrive, so compression overlaps reading.
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

    /// <summary>
    /// Rows handed to the native writer at a time when every column has one level per row: a multiple of Parquet
    /// C++'s write batch (1024 values), where it checks the page size, so the pages are those of one batch per row group.
    /// </summary>
    internal const int StreamRows = 1024;

    private readonly AtomicFile _file;
    private readonly OutputFields _fields;
    private readonly bool _flat;
    private readonly long _rowGroupBytes;
    private readonly bool _keepAll;
    private readonly bool _clusterIds;
    private readonly bool _inputIds;
    private readonly bool _signals;
    private readonly bool _lineSignals;

    // Whether rows go to a buffered row group in batches of StreamRows while the next rows arrive: only when no column
    // is a LIST, whose pages would otherwise split at other values than in one batch per row group.
    private readonly bool _stream;
    private RowBatch _filling;
    private RowBatch _spare;

    // The batch being written on the thread pool, at most one; the next hand-off or the completion awaits it.
    private Task? _inFlight;
    private ParquetFileWriter? _writer;
    private RowGroupWriter? _group;
    private long _bufferedBytes;
    private int _groupRows;
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
        _signals = signals;
        _lineSignals = lineSignals;
        _stream = !inputIds && !lineSignals && fields.WrittenFields.All(f => f.Type != MetaType.IntegerList);
        _filling = new RowBatch(this);
        _spare = new RowBatch(this);
        _file = new AtomicFile(path);
    }

    /// <inheritdoc />
    public long Rows { get; private set; }

    /// <inheritdoc />
    public long BufferedBytes => _bufferedBytes;

    /// <inheritdoc />
    public async ValueTask FlushBufferAsync(CancellationToken cancellationToken = default)
    {
        if (_groupRows > 0)
        {
            await HandOffAsync(closeGroup: true, cancellationToken).ConfigureAwait(false);
            await WaitInFlightAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        _filling.Add(document);
        _bufferedBytes += 2L * document.Text.Length + 64;
        if (_signals)
        {
            _bufferedBytes += ParquetSignalColumns.EstimateBytes(document);
        }

        if (_inputIds)
        {
            _bufferedBytes += 4L * (document.InputIds?.Length ?? 0);
        }

        Rows++;
        _groupRows++;
        if (_bufferedBytes >= _rowGroupBytes || _groupRows >= MaxRowsPerGroup)
        {
            await HandOffAsync(closeGroup: true, cancellationToken).ConfigureAwait(false);
            if (!_stream)
            {
                // A whole row group is in the batch: waiting bounds memory to one row group, as before streaming.
                await WaitInFlightAsync().ConfigureAwait(false);
            }
        }
        else if (_stream && _filling.Count >= StreamRows)
        {
            await HandOffAsync(closeGroup: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_groupRows > 0)
        {
            await HandOffAsync(closeGroup: true, cancellationToken).ConfigureAwait(false);
        }

        await WaitInFlightAsync().ConfigureAwait(false);
        await Task.Run(
            () =>
            {
                // A file without rows still gets its schema.
                _writer ??= CreateWriter();
                _writer.Close();
                _writer.Dispose();
                _writer = null;
            },
            cancellationToken).ConfigureAwait(false);
        _file.Commit();
        _completed = true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            // The native writer must not be disposed under a batch still being written.
            if (_inFlight is not null)
            {
                await ((Task)_inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            // Only an abandoned file still has a writer here; it is deleted, so its footer does not matter.
            _group?.Dispose();
            _writer?.Dispose();
        }
        catch (Exception exception) when (!_completed && exception is IOException or ParquetException)
        {
        }
        finally
        {
            _file.Dispose();
        }
    }

    /// <summary>
    /// Hands the filling batch to the thread pool, after the previous one is written (so batches reach the file in
    /// order and at most two are in memory), and takes the spare batch for the next rows.
    /// </summary>
    private async ValueTask HandOffAsync(bool closeGroup, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await WaitInFlightAsync().ConfigureAwait(false);
        RowBatch batch = _filling;
        (_filling, _spare) = (_spare, batch);
        if (closeGroup)
        {
            _bufferedBytes = 0;
            _groupRows = 0;
        }

        _inFlight = Task.Run(() => WriteBatch(batch, closeGroup), CancellationToken.None);
    }

    private async ValueTask WaitInFlightAsync()
    {
        if (_inFlight is { } task)
        {
            _inFlight = null;
            await task.ConfigureAwait(false);
        }
    }

    private void WriteBatch(RowBatch batch, bool closeGroup)
    {
        _writer ??= CreateWriter();
        if (_stream)
        {
            // A buffered row group takes its columns in any order and keeps their compressed pages until it is closed.
            _group ??= _writer.AppendBufferedRowGroup();
            int column = 0;
            RowGroupWriter group = _group;

            // The last batch of a row group is empty when the group's rows were a multiple of StreamRows.
            if (batch.Count > 0)
            {
                batch.Write(() => group.Column(column++));
            }
        }
        else
        {
            _group = _writer.AppendRowGroup();
            RowGroupWriter group = _group;
            batch.Write(group.NextColumn);
        }

        batch.Clear();
        if (closeGroup || !_stream)
        {
            _group.Close();
            _group.Dispose();
            _group = null;
        }
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

        if (_signals)
        {
            nodes.AddRange(new ParquetSignalColumns(_lineSignals).CreateNodes());
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
        foreach (string offsets in _signals ? new ParquetSignalColumns(_lineSignals).OffsetColumnPaths() : [])
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

    private static void WriteInputIds(ColumnWriter column, List<int[]?> rows) =>
        WriteList((ColumnWriter<int>)column, rows, nullDefinition: 0);

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

    /// <summary>A meta field's values: a top-level column when <paramref name="flat"/>, else a field of the meta struct.</summary>
    private static void WriteMetaColumn(ColumnWriter column, MetaType type, List<object?> values, bool flat)
    {
        switch (type)
        {
            case MetaType.Text:
                WriteMeta(column, values.Select(v => (string?)v), flat);
                break;
            case MetaType.Integer:
                WriteMeta(column, values.Select(v => (long?)v), flat);
                break;
            case MetaType.Float:
                WriteMeta(column, values.Select(v => (double?)v), flat);
                break;
            case MetaType.Boolean:
                WriteMeta(column, values.Select(v => (bool?)v), flat);
                break;
            case MetaType.IntegerList:
                // A top-level list has one definition level less than one inside the meta struct.
                WriteList((ColumnWriter<long>)column, [.. values.Select(v => (long[]?)v)], nullDefinition: (short)(flat ? 0 : 1));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private static void WriteMeta<T>(ColumnWriter column, IEnumerable<T> values, bool flat)
    {
        if (flat)
        {
            WriteFlat(column, values);
        }
        else
        {
            WriteNested(column, values.Select(v => new Nested<T>(v)));
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
        MetaType.Text or MetaType.Json => ParquetNodes.String(field.Name, Repetition.Optional),
        MetaType.Integer => ParquetNodes.Primitive(field.Name, Repetition.Optional, PhysicalType.Int64),
        MetaType.Float => ParquetNodes.Primitive(field.Name, Repetition.Optional, PhysicalType.Double),
        MetaType.Boolean => ParquetNodes.Primitive(field.Name, Repetition.Optional, PhysicalType.Boolean),
        MetaType.IntegerList => ParquetNodes.List(field.Name, ParquetNodes.Primitive("element", Repetition.Required, PhysicalType.Int64)),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>The rows of a batch, column by column: strings already UTF-8, the other values as they came.</summary>
    private sealed class RowBatch
    {
        private readonly ParquetDocumentWriter _owner;
        private readonly ParquetUtf8Column _text = new(nullDefinition: -1);
        private readonly List<object?>[] _metaValues;

        // The text-typed meta fields' values, UTF-8 encoded as they arrive (null for the other types, kept in _metaValues).
        private readonly ParquetUtf8Column?[] _metaStrings;
        private readonly List<string?> _dropReasons = [];
        private readonly List<long?> _clusterIds = [];
        private readonly List<int[]?> _inputIds = [];
        private readonly ParquetSignalColumns? _signals;

        public RowBatch(ParquetDocumentWriter owner)
        {
            _owner = owner;
            OutputFields fields = owner._fields;
            _metaValues = fields.Written.Select(_ => new List<object?>()).ToArray();

            // A null field inside the optional meta struct is one definition level deeper than a null top-level column.
            _metaStrings = fields.WrittenFields
                .Select(f => f.Type is MetaType.Text or MetaType.Json ? new ParquetUtf8Column(nullDefinition: (short)(owner._flat ? 0 : 1)) : null)
                .ToArray();
            _signals = owner._signals ? new ParquetSignalColumns(owner._lineSignals) : null;
        }

        public int Count => _text.Count;

        public void Add(Document document)
        {
            _text.Add(document.Text);
            for (int i = 0; i < _metaValues.Length; i++)
            {
                object? value = document.Meta[_owner._fields.Written[i]];
                if (_metaStrings[i] is { } strings)
                {
                    // A JSON value is stored as its JSON text.
                    strings.Add(value is Documents.JsonText json ? json.Value : (string?)value);
                }
                else
                {
                    _metaValues[i].Add(value);
                }
            }

            _dropReasons.Add(document.DropReason);
            if (_owner._clusterIds)
            {
                _clusterIds.Add(document.ClusterId);
            }

            _signals?.Add(document);
            if (_owner._inputIds)
            {
                _inputIds.Add(document.InputIds);
            }
        }

        /// <summary>Writes the rows, a column at a time in schema order.</summary>
        public void Write(Func<ColumnWriter> nextColumn)
        {
            using (ColumnWriter text = nextColumn())
            {
                _text.Write(text);
            }

            for (int i = 0; i < _metaValues.Length; i++)
            {
                using ColumnWriter column = nextColumn();
                MetaType type = _owner._fields.Meta.Fields[_owner._fields.Written[i]].Type;
                if (_metaStrings[i] is { } strings)
                {
                    strings.Write(column);
                }
                else
                {
                    WriteMetaColumn(column, type, _metaValues[i], _owner._flat);
                }
            }

            _signals?.Write(nextColumn);
            if (_owner._keepAll)
            {
                using (LogicalColumnWriter<string?> reasons = nextColumn().LogicalWriter<string?>())
                {
                    reasons.WriteBatch(_dropReasons.ToArray());
                }

                using LogicalColumnWriter<bool> keep = nextColumn().LogicalWriter<bool>();
                keep.WriteBatch(_dropReasons.Select(r => r is null).ToArray());
            }

            if (_owner._clusterIds)
            {
                using LogicalColumnWriter<long?> clusters = nextColumn().LogicalWriter<long?>();
                clusters.WriteBatch(_clusterIds.ToArray());
            }

            if (_owner._inputIds)
            {
                using ColumnWriter inputIds = nextColumn();
                WriteInputIds(inputIds, _inputIds);
            }
        }

        public void Clear()
        {
            _text.Clear();
            _dropReasons.Clear();
            _clusterIds.Clear();
            _signals?.Clear();
            _inputIds.Clear();
            foreach (List<object?> column in _metaValues)
            {
                column.Clear();
            }

            foreach (ParquetUtf8Column? strings in _metaStrings)
            {
                strings?.Clear();
            }
        }
    }
}
