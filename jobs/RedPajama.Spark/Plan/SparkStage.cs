namespace RedPajama.Spark.Plan;

/// <summary>One operation of a <see cref="SparkJobPlan"/>; <see cref="SparkPipelineJob"/> turns each into DataFrame calls.</summary>
public abstract record SparkStage;
