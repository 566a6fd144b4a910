namespace RedPajama.Spark.Plan;

/// <summary>
/// Creates the empty success marker once everything else is in the output, so a reader that waits for it also finds
/// <see cref="WriteStatisticsStage"/>'s file. Spark's own marker is turned off by <see cref="WriteStage.Options"/>.
/// </summary>
/// <param name="FileName">The marker's file name inside the output directory.</param>
public sealed record MarkSuccessStage(string FileName) : SparkStage;
