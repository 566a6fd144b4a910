namespace RedPajama.Tests.Support;

/// <summary>
/// A Spark installation and a Microsoft.Spark.Worker that exist only as far as the submit scripts check them: an
/// executable <c>bin/spark-submit</c> and <c>Microsoft.Spark.Worker</c> that fail if anything really runs them.
/// </summary>
internal sealed class FakeSpark : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public FakeSpark()
    {
        SparkHome = _directory.Combine("spark");
        WorkerDirectory = _directory.Combine("worker");
        PublishDirectory = _directory.Combine("publish");
        Directory.CreateDirectory(Path.Combine(SparkHome, "bin"));
        Directory.CreateDirectory(WorkerDirectory);
        foreach (string executable in new[] { SparkSubmit, Path.Combine(WorkerDirectory, "Microsoft.Spark.Worker") })
        {
            File.WriteAllText(executable, "#!/bin/sh\nexit 1\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    /// <summary>For <c>SPARK_HOME</c>.</summary>
    public string SparkHome { get; }

    /// <summary>For <c>DOTNET_WORKER_DIR</c>.</summary>
    public string WorkerDirectory { get; }

    /// <summary>For <c>PUBLISH_DIR</c>: nothing is published there by a dry run.</summary>
    public string PublishDirectory { get; }

    /// <summary>The spark-submit the scripts should print.</summary>
    public string SparkSubmit => Path.Combine(SparkHome, "bin", "spark-submit");

    public void Dispose() => _directory.Dispose();
}
