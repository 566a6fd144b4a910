using System.IO.Compression;
using Parquet;
using Parquet.Schema;
using RedPajama.Documents;

namespace RedPajama.Writing;

/// <summary>
/// Writes documents as zstd Parquet: a required <c>text</c> column, a <c>meta</c> struct column with the source's
/// meta fields (all nullable), scored runs a typed column per quality signal (<see cref="ParquetSignalColumns"/>), and in
/// keep-all runs a nullable <c>drop_reason</c> column, the <c>keep</c> verdict and, with near dedup, <c>cluster_id</c>. DuckDB
/// (<c>meta.title</c>), pyarrow and Spark (<c>meta.title</c>) read it without help. Training-ready runs add an
/// <c>input_ids</c> column, a Parquet LIST of int32. Rows are buffered up to a byte
/// budget per row group, which bounds memory whatever the input size.
/// </summary>
public sealed class ParquetDocumentWriter : IDocumentWriter
{
    /// <summary>Rows per row group at most, whatever their size.</summary>
    public const int MaxRowsPerGroup = 100_000;

    private readonly AtomicFile _file;
    private readonly MetaSchema _meta;
    private readonly long _rowGroupBytes;
    private readonly bool _keepAll;
    private readonly DataField<string> _text = new("text", false);
    private readonly DataField[] _metaFields;
    private readonly DataField<string>? _dropReason;
    private readonly DataField<bool>? _keep;
    private readonly DataField<long?>? _clusterId;
    private readonly List<long?> _clusterIds = [];
    private readonly ParquetSignalColumns? _signals;
    private readonly DataField<int>? _inputIds;
    private readonly List<int[]?> _inputIdValues = [];
    private readonly ParquetSchema _schema;
    private readonly List<string> _texts = [];
    private readonly List<object?>[] _metaValues;
    private readonly List<string?> _dropReasons = [];
    private ParquetWriter? _writer;
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
    {
        ArgumentNullException.ThrowIfNull(meta);
        _meta = meta;
        _rowGroupBytes = Math.Max(1, rowGroupBytes);
        _keepAll = keepAll;
        _metaFields = meta.Fields.Select(ToParquetField).ToArray();
        _metaValues = meta.Fields.Select(_ => new List<object?>()).ToArray();
        var fields = new List<Field> { _text, new StructField("meta", _metaFields) };
        if (signals)
        {
            _signals = new ParquetSignalColumns(lineSignals);
            fields.AddRange(_signals.Fields);
        }

        if (keepAll)
        {
            _dropReason = new DataField<string>("drop_reason", true);
            _keep = new DataField<bool>("keep", false);
            fields.Add(_dropReason);
            fields.Add(_keep);
        }

        if (clusterIds)
        {
            _clusterId = new DataField<long?>("cluster_id", true);
            fields.Add(_clusterId);
        }

        if (inputIds)
        {
            _inputIds = new DataField<int>("element", false);
            fields.Add(new ListField("input_ids", _inputIds));
        }

        _schema = new ParquetSchema(fields);
        _file = new AtomicFile(path);
    }

    /// <summary>The Parquet options every part file is written with: zstd at the "optimal" level
    /// (Parquet.Net's default level is the slowest, about 2 MB/s).</summary>
    public static ParquetOptions Options => new()
    {
        CompressionMethod = CompressionMethod.Zstd,
        CompressionLevel = CompressionLevel.Optimal,
    };

    /// <inheritdoc />
    public long Rows { get; private set; }

    /// <inheritdoc />
    public async ValueTask WriteAsync(Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        _texts.Add(document.Text);
        for (int i = 0; i < _metaValues.Length; i++)
        {
            _metaValues[i].Add(document.Meta[i]);
        }

        _dropReasons.Add(document.DropReason);
        if (_clusterId is not null)
        {
            _clusterIds.Add(document.ClusterId);
        }

        _bufferedBytes += 2L * document.Text.Length + 64;
        if (_signals is not null)
        {
            _signals.Add(document);
            _bufferedBytes += ParquetSignalColumns.EstimateBytes(document);
        }

        if (_inputIds is not null)
        {
            _inputIdValues.Add(document.InputIds);
            _bufferedBytes += 4L * (document.InputIds?.Length ?? 0);
        }

        Rows++;
        if (_bufferedBytes >= _rowGroupBytes || _texts.Count >= MaxRowsPerGroup)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_texts.Count > 0 || _writer is null)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await _writer!.DisposeAsync().ConfigureAwait(false);
        _writer = null;
        _file.Commit();
        _completed = true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_writer is not null)
            {
                // Only an abandoned file still has a writer here; its footer does not matter.
                await _writer.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (IOException) when (!_completed)
        {
        }
        finally
        {
            _file.Dispose();
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _writer ??= await ParquetWriter.CreateAsync(_schema, _file.Stream, Options, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (_texts.Count == 0)
        {
            return;
        }

        using (ParquetRowGroupWriter group = _writer.CreateRowGroup())
        {
            await group.WriteAsync(_text, _texts).ConfigureAwait(false);
            for (int i = 0; i < _metaFields.Length; i++)
            {
                await WriteMetaColumnAsync(group, _metaFields[i], _meta.Fields[i].Type, _metaValues[i], cancellationToken).ConfigureAwait(false);
            }

            if (_signals is not null)
            {
                await _signals.WriteAsync(group, cancellationToken).ConfigureAwait(false);
            }

            if (_dropReason is not null)
            {
                await group.WriteAsync(_dropReason, _dropReasons!).ConfigureAwait(false);
                await group.WriteAsync<bool>(_keep!, _dropReasons.Select(r => r is null).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (_clusterId is not null)
            {
                await group.WriteAsync<long>(_clusterId, _clusterIds.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (_inputIds is not null)
            {
                await WriteInputIdsAsync(group, _inputIds, _inputIdValues, cancellationToken).ConfigureAwait(false);
            }

            group.CompleteValidate();
        }

        _texts.Clear();
        _dropReasons.Clear();
        _clusterIds.Clear();
        _signals?.Clear();
        _inputIdValues.Clear();
        foreach (List<object?> column in _metaValues)
        {
            column.Clear();
        }

        _bufferedBytes = 0;
    }

    /// <summary>Writes the LIST column with explicit levels: null list, empty list, and elements (first of a row at repetition 0).</summary>
    private static async Task WriteInputIdsAsync(ParquetRowGroupWriter group, DataField element, List<int[]?> rows, CancellationToken cancellationToken)
    {
        int valueCount = rows.Sum(r => r?.Length ?? 0);
        int levelCount = rows.Sum(r => r is { Length: > 0 } ? r.Length : 1);
        var values = new int[valueCount];
        var definitions = new int[levelCount];
        var repetitions = new int[levelCount];
        int full = element.MaxDefinitionLevel;
        int v = 0;
        int l = 0;
        foreach (int[]? row in rows)
        {
            if (row is not { Length: > 0 })
            {
                // Definition 0: the list is null; one below the element's level: the list is there but empty.
                definitions[l] = row is null ? 0 : full - 1;
                repetitions[l++] = 0;
                continue;
            }

            for (int i = 0; i < row.Length; i++)
            {
                values[v++] = row[i];
                definitions[l] = full;
                repetitions[l++] = i == 0 ? 0 : 1;
            }
        }

        await group.WriteAllPartsAsync<int>(element, values, definitions, repetitions, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteMetaColumnAsync(
        ParquetRowGroupWriter group, DataField field, MetaType type, List<object?> values, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case MetaType.Text:
                await group.WriteAsync(field, values.Select(v => (string?)v).ToArray()!).ConfigureAwait(false);
                break;
            case MetaType.Integer:
                await group.WriteAsync<long>(field, values.Select(v => (long?)v).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case MetaType.Float:
                await group.WriteAsync<double>(field, values.Select(v => (double?)v).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case MetaType.Boolean:
                await group.WriteAsync<bool>(field, values.Select(v => (bool?)v).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private static DataField ToParquetField(MetaField field) => field.Type switch
    {
        MetaType.Text => new DataField<string>(field.Name, true),
        MetaType.Integer => new DataField<long?>(field.Name, true),
        MetaType.Float => new DataField<double?>(field.Name, true),
        MetaType.Boolean => new DataField<bool?>(field.Name, true),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
