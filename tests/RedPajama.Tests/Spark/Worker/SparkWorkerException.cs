namespace RedPajama.Tests.Spark.Worker;

/// <summary>The worker reported an exception for the task (what Spark would show as the task's failure).</summary>
internal sealed class SparkWorkerException(string workerError, string log)
    : Exception($"the Spark worker failed the task:\n{workerError}\n--- worker log ---\n{log}")
{
    /// <summary>The exception text the worker sent.</summary>
    public string WorkerError { get; } = workerError;
}
