namespace RedPajama.Spark.Plan;

/// <summary>Writes Parquet: the kept documents (or all of them in keep-all runs), sorted by (input, record) within each part.</summary>
/// <param name="Columns">
/// The top-level columns inside the part files, in order (the local engine's Parquet schema): <c>text</c>, then
/// <c>meta</c> (a struct of the written meta fields) or, in the flat layout, each written meta field by name.
/// </param>
/// <param name="KeepAll">Whether dropped documents are written too.</param>
/// <param name="Compression">The Parquet codec.</param>
/// <param name="Options">
/// Writer options; Spark copies them into the Hadoop configuration of the write job, which is how the output
/// committer's own <c>_SUCCESS</c> is turned off.
/// </param>
/// <param name="PartitionBy">Columns the rows are hash-partitioned on before the write (one part per partition).</param>
/// <param name="SortWithinPartitionsBy">Columns each part is sorted by; there is no global sort.</param>
public sealed record WriteStage(
    IReadOnlyList<string> Columns,
    bool KeepAll,
    string Compression,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyList<string> PartitionBy,
    IReadOnlyList<string> SortWithinPartitionsBy) : SparkStage
{
    /// <summary>
    /// Meta fields the output is partitioned by (<c>DataFrameWriter.partitionBy</c>: Hive directories, not written
    /// inside the files), outermost first; empty when not partitioned. They are selected after <see cref="Columns"/>,
    /// which holds only what goes inside the files, and lead <see cref="SortWithinPartitionsBy"/>, so each task writes
    /// one directory after the other (Spark adds no sort of its own).
    /// </summary>
    public IReadOnlyList<string> HivePartitionBy { get; init; } = [];

    /// <summary>
    /// The directory written, inside the output directory, or null for the output directory itself (replaced by
    /// <c>SaveMode.Overwrite</c>). Part files named after inputs are staged there and moved by <see cref="RenamePartsStage"/>;
    /// <see cref="HivePartitionBy"/> is then the input column, whose directories tell the driver which input a file holds.
    /// </summary>
    public string? Directory { get; init; }
}
