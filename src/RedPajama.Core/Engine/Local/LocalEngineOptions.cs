using RedPajama.Writing;

namespace RedPajama.Engine.Local;

/// <summary>Settings of the embedded local engine.</summary>
public sealed record LocalEngineOptions
{
    /// <summary>Worker threads; defaults to the number of cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Memory the engine may use for its own buffers (keyed-step key tables, Parquet row groups), in bytes.
    /// Beyond it, keyed steps partition their keys on disk. Default 2 GiB.
    /// </summary>
    public long MemoryBytes { get; init; } = 2L << 30;

    /// <summary>
    /// Input bytes per output part: consecutive input files are grouped into shards of about this size, one part
    /// file each (a larger file is a shard of its own). Default 256 MiB.
    /// </summary>
    public long ShardBytes { get; init; } = 256L << 20;

    /// <summary>The part-file format.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Parquet;

    /// <summary>
    /// With a partitioned output (<see cref="Pipeline.PipelineDescription.PartitionBy"/>): the most partitions one shard
    /// may write, each an open part file while the shard is written; a shard with more fails the run. Default
    /// <see cref="PartitionedDocumentWriter.DefaultMaxPartitions"/>.
    /// </summary>
    public int MaxPartitions { get; init; } = PartitionedDocumentWriter.DefaultMaxPartitions;

    /// <summary>Write dropped documents too, with a <c>drop_reason</c>, for exploration.</summary>
    public bool KeepAll { get; init; }

    /// <summary>Where spill files go; defaults to <c>_temporary</c> inside the output directory.</summary>
    public string? TemporaryDirectory { get; init; }

    /// <summary>
    /// zstd level of spill files, or 0 to spill uncompressed (the default: on a 2-core machine zstd costs more time
    /// than the disk it saves; set 1 when scratch space is short).
    /// </summary>
    public int SpillZstdLevel { get; init; }

    /// <summary>Receives warnings: skipped inputs and their reasons.</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>Live counters for a progress display.</summary>
    public RunProgress? Progress { get; init; }
}
