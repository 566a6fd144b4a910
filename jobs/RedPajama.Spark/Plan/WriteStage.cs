namespace RedPajama.Spark.Plan;

/// <summary>Writes Parquet: the kept documents (or all of them in keep-all runs), ordered by (path, record).</summary>
/// <param name="Columns">The top-level output columns, in order (the local engine's Parquet schema).</param>
/// <param name="KeepAll">Whether dropped documents are written too.</param>
/// <param name="Compression">The Parquet codec.</param>
public sealed record WriteStage(IReadOnlyList<string> Columns, bool KeepAll, string Compression) : SparkStage;
