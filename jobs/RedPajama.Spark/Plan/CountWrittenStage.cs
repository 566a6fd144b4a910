namespace RedPajama.Spark.Plan;

/// <summary>
/// Counts the kept documents in the Parquet just written (read back from the output): the run's <c>written</c>,
/// measured from what was written rather than from the accounting group-by.
/// </summary>
public sealed record CountWrittenStage : SparkStage;
