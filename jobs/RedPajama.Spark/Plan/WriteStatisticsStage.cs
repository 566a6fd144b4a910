namespace RedPajama.Spark.Plan;

/// <summary>
/// Writes the accounting beside the output through the Hadoop filesystem of the output path (local, HDFS, S3, DBFS),
/// after the Parquet and before <see cref="MarkSuccessStage"/>.
/// </summary>
/// <param name="FileName">The file name inside the output directory.</param>
public sealed record WriteStatisticsStage(string FileName) : SparkStage;
