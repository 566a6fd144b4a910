using RedPajama.Tests.Support;

namespace RedPajama.Tests.Spark.Worker;

/// <summary>
/// Where the real Microsoft.Spark.Worker (built from source, <c>../shared/spark-worker</c> beside the repository) and
/// the Spark job's build output are. Tests that need them skip, saying why, when either is missing.
/// </summary>
internal static class SparkWorkerInstall
{
    /// <summary>The worker's folder, <c>../shared/spark-worker/net8.0</c> relative to the repository root.</summary>
    public static string WorkerDirectory => Path.GetFullPath(Path.Combine(TestData.RepositoryRoot, "..", "shared", "spark-worker", "net8.0"));

    /// <summary>The worker's entry assembly.</summary>
    public static string WorkerAssembly => Path.Combine(WorkerDirectory, "Microsoft.Spark.Worker.dll");

    /// <summary>The job's build output (the test project references it, so it is built with the tests).</summary>
    public static string JobDirectory
    {
        get
        {
            // The test binaries' configuration (Release or Debug) is the job's too.
            string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(TestData.RepositoryRoot, "jobs", "RedPajama.Spark", "bin", configuration, "net8.0");
        }
    }

    /// <summary>Why the worker tests cannot run here, or null when they can.</summary>
    public static string? Missing =>
        !File.Exists(WorkerAssembly) ? $"no Microsoft.Spark.Worker at {WorkerDirectory} (see the README's \"Run on Spark\"): the worker tests are skipped"
        : !File.Exists(Path.Combine(JobDirectory, "RedPajama.Spark.Job.dll")) ? $"the Spark job is not built at {JobDirectory}: the worker tests are skipped"
        : null;
}
