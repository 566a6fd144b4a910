namespace RedPajama.Spark.Plan;

/// <summary>Counts documents by (dropped_by, drop_reason) into the run's statistics, steps in this order.</summary>
/// <param name="StepNames">Every step in accounting order, as the local engine reports them.</param>
public sealed record AccountingStage(IReadOnlyList<string> StepNames) : SparkStage;
