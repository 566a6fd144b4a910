using RedPajama.Engine;
using RedPajama.Pipeline;

namespace RedPajama.Writing;

/// <summary>
/// Writes one shard's documents, routing each to the part file of its Hive partition
/// (<c>language=en/bucket=head/part-00003.parquet</c>, <see cref="OutputFields.PartitionDirectory"/>); without partition
/// fields, one part file at the top, as before (written even when empty). Documents arrive in order key order and each
/// partition's file gets them in that order, so the files depend only on the shard, not on threads.
/// </summary>
/// <remarks>
/// Memory: one open writer per partition the shard has met, at most <c>maxPartitions</c> (a shard with more fails the
/// run with a message naming the setting, rather than holding unbounded files open). Rows a Parquet writer gathers for
/// its row group count against one budget for all of them: when their sum passes it, the largest buffer is written out
/// as a row group. So a shard holds at most the budget in rows, plus a fixed cost per open partition (file buffers;
/// a zstd context for <c>.jsonl.zst</c>, about 3 MiB at level 3).
/// </remarks>
public sealed class PartitionedDocumentWriter : IDocumentWriter
{
    /// <summary>Default cap on the partitions one shard may write (Hive's per-node default is 100).</summary>
    public const int DefaultMaxPartitions = 64;

    private readonly OutputFormat _format;
    private readonly string _directory;
    private readonly string _fileName;
    private readonly PipelineDescription _pipeline;
    private readonly OutputFields _fields;
    private readonly long _bufferBytes;
    private readonly bool _keepAll;
    private readonly int _maxPartitions;
    private readonly Dictionary<string, IDocumentWriter> _writers = new(StringComparer.Ordinal);
    private IReadOnlyList<PartStatistics> _parts = [];

    /// <summary>Creates the writer; without partition fields, its single part file at once.</summary>
    /// <param name="format">The part files' format.</param>
    /// <param name="directory">The output (or staging) directory the partition directories go into.</param>
    /// <param name="fileName">The part file name in each partition directory (<c>part-00003.parquet</c>).</param>
    /// <param name="pipeline">The pipeline (output flags).</param>
    /// <param name="fields">The resolved output fields (<see cref="PipelineDescription.ResolveOutput"/>).</param>
    /// <param name="bufferBytes">Budget of rows buffered by all the shard's writers together.</param>
    /// <param name="keepAll">Whether dropped documents are written too.</param>
    /// <param name="maxPartitions">The most partitions the shard may write.</param>
    public PartitionedDocumentWriter(OutputFormat format, string directory, string fileName, PipelineDescription pipeline, OutputFields fields, long bufferBytes, bool keepAll, int maxPartitions = DefaultMaxPartitions)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPartitions, 1);
        _format = format;
        _directory = directory;
        _fileName = fileName;
        _pipeline = pipeline;
        _fields = fields;
        _bufferBytes = Math.Max(1, bufferBytes);
        _keepAll = keepAll;
        _maxPartitions = maxPartitions;
        if (!fields.IsPartitioned)
        {
            _ = WriterFor(string.Empty);
        }
    }

    /// <inheritdoc />
    public long Rows => _writers.Values.Sum(w => w.Rows);

    /// <inheritdoc />
    public long BufferedBytes => _writers.Values.Sum(w => w.BufferedBytes);

    /// <summary>The part files written, by path relative to the directory (<c>/</c>-separated), in ordinal order; set by <see cref="CompleteAsync"/>.</summary>
    public IReadOnlyList<PartStatistics> Parts => _parts;

    /// <inheritdoc />
    public async ValueTask WriteAsync(Documents.Document document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        IDocumentWriter writer = WriterFor(_fields.PartitionDirectory(document));
        await writer.WriteAsync(document, cancellationToken).ConfigureAwait(false);
        if (_writers.Count > 1 && BufferedBytes > _bufferBytes)
        {
            // Deterministic choice (largest buffer, then path), so row groups do not depend on threads.
            IDocumentWriter largest = _writers.OrderByDescending(w => w.Value.BufferedBytes).ThenBy(w => w.Key, StringComparer.Ordinal).First().Value;
            await largest.FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask FlushBufferAsync(CancellationToken cancellationToken = default)
    {
        foreach (IDocumentWriter writer in _writers.Values)
        {
            await writer.FlushBufferAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        var parts = new List<PartStatistics>(_writers.Count);
        foreach ((string partition, IDocumentWriter writer) in _writers.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            parts.Add(new PartStatistics(RelativePath(partition), writer.Rows));
        }

        _parts = parts;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (IDocumentWriter writer in _writers.Values)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        _writers.Clear();
    }

    private IDocumentWriter WriterFor(string partition)
    {
        if (_writers.TryGetValue(partition, out IDocumentWriter? writer))
        {
            return writer;
        }

        if (_writers.Count >= _maxPartitions)
        {
            string fields = string.Join(", ", _fields.Partitions.Select(i => _fields.Meta.Fields[i].Name));
            throw new RunFailedException(
                $"the output is partitioned by ({fields}) and the documents of {_fileName} fall into more than {_maxPartitions} partitions ({partition} is one more); " +
                "partition by fields with fewer values, or raise output.max_partitions (each open partition holds file buffers, about 3 MiB for jsonl.zst)");
        }

        string path = Path.Combine(_directory, RelativePath(partition));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        writer = DocumentWriters.Create(_format, path, _pipeline, _fields, _bufferBytes, _keepAll);
        _writers.Add(partition, writer);
        return writer;
    }

    private string RelativePath(string partition) => partition.Length == 0 ? _fileName : partition + "/" + _fileName;
}
