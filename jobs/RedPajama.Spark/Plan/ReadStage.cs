namespace RedPajama.Spark.Plan;

/// <summary>
/// Reads the input files as <c>binaryFile</c> rows (path, bytes) and turns each file into its document rows with the
/// local engine's own reader (<see cref="InputFileUdf"/>): the same formats and compressions (<c>.gz</c>, <c>.zst</c>,
/// Parquet), the same size limits, the same record numbers, and a file that fails part way becomes an input error
/// with the records read before it. Planned only when there are files, since nothing can be read from none.
/// </summary>
/// <param name="Format">The Spark source, <c>binaryFile</c> (its schema is fixed, so no inference from files).</param>
/// <param name="Files">The files, each one the source reads, in path order.</param>
/// <param name="Udf">The UDF method that turns a file into rows.</param>
/// <param name="Indices">Each file's input index (its place in the run's order); null when it is its position in
/// <paramref name="Files"/> (no listing among the inputs).</param>
public sealed record ReadStage(string Format, IReadOnlyList<string> Files, string Udf, IReadOnlyList<int>? Indices = null) : SparkStage;
