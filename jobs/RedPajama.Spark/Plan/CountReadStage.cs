namespace RedPajama.Spark.Plan;

/// <summary>
/// Counts the rows the read stages produced: the run's <c>read</c>, measured where records are read so that a record
/// lost by a later stage shows as an unbalanced run instead of vanishing from both sides of the accounting.
/// </summary>
public sealed record CountReadStage : SparkStage;
