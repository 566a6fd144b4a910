using System.Diagnostics;
using System.Text.Json;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Spark;

/// <summary>
/// The spark-submit scripts, run with <c>--dry-run</c> against a fake Spark installation and worker: they check
/// their arguments and environment and print the command they would run, without publishing or submitting.
/// </summary>
public sealed class SubmitScriptsTests : IDisposable
{
    private static readonly string[] s_job = ["run", "books", "--input", "samples/books", "--output", "out/books-spark"];
    private readonly FakeSpark _spark = new();

    public void Dispose() => _spark.Dispose();

    [Theory]
    [InlineData("local.sh", "--master local[*]")]
    [InlineData("standalone.sh", "--master spark://master:7077 --deploy-mode client")]
    [InlineData("yarn.sh", "--master yarn --deploy-mode cluster")]
    [InlineData("kubernetes.sh", "--master k8s://https://api:6443 --deploy-mode cluster")]
    public void Dry_run_prints_the_spark_submit_command_with_runner_worker_memory_and_models(string script, string master)
    {
        (int exitCode, string output) = Run(script, ["--dry-run", .. s_job], Environment());

        exitCode.Should().Be(0, output);
        string command = CommandLine(output);
        command.Should().StartWith(_spark.SparkSubmit + " --class org.apache.spark.deploy.dotnet.DotnetRunner")
            .And.Contain(master)
            .And.Contain("microsoft-spark-3-5_2.12-2.3.1.jar")
            .And.Contain("--conf spark.dotnet.ignoreSparkPatchVersionCheck=true")
            .And.Contain("--executor-memory 8g").And.Contain("--conf spark.executor.memoryOverhead=4g").And.Contain("--driver-memory 4g")
            .And.Contain("--files ").And.Contain("mistral-7b-v0.1-tokenizer.model").And.Contain("lid.176.ftz")
            .And.EndWith("run books --input samples/books --output out/books-spark");
        if (script != "kubernetes.sh")
        {
            command.Should().Contain(script == "yarn.sh" ? "DOTNET_WORKER_DIR=./worker/Microsoft.Spark.Worker-2.3.1" : script == "local.sh" ? "dotnet " : "DOTNET_WORKER_DIR=" + _spark.WorkerDirectory);
            output.Should().Contain("would publish: dotnet publish", "a dry run publishes nothing");
        }
    }

    [Fact]
    public void The_microsoft_spark_version_is_one_setting()
    {
        Dictionary<string, string> environment = Environment();
        environment["MICROSOFT_SPARK_VERSION"] = "2.4.0";
        environment["SPARK_LINE"] = "4-0";
        environment["SCALA_VERSION"] = "2.13";
        environment["EXECUTOR_MEMORY_OVERHEAD"] = "6g";

        (int exitCode, string output) = Run("yarn.sh", ["--dry-run", .. s_job], environment);

        exitCode.Should().Be(0, output);
        CommandLine(output).Should().Contain("hdfs:///apps/redpajama/microsoft-spark-4-0_2.13-2.4.0.jar")
            .And.Contain("DOTNET_WORKER_DIR=./worker/Microsoft.Spark.Worker-2.4.0")
            .And.Contain("spark.executor.memoryOverhead=6g");
    }

    [Theory]
    [InlineData("local.sh", new[] { "books", "--input", "a", "--output", "b" }, "usage:")]
    [InlineData("local.sh", new[] { "run", "--input", "a", "--output", "b" }, "source name")]
    [InlineData("local.sh", new[] { "run", "books", "--output", "b" }, "--input is required")]
    [InlineData("standalone.sh", new[] { "run", "books", "--input", "a", "--output" }, "--output needs a directory")]
    public void Bad_arguments_stop_with_a_usage_message_and_exit_code_2(string script, string[] arguments, string message)
    {
        (int exitCode, string output) = Run(script, ["--dry-run", .. arguments], Environment());

        exitCode.Should().Be(2);
        output.Should().Contain(message).And.NotContain("spark-submit command:");
    }

    [Theory]
    [InlineData("SPARK_HOME", "set SPARK_HOME", "$SPARK_HOME/bin/spark-submit")]
    [InlineData("DOTNET_WORKER_DIR", "set DOTNET_WORKER_DIR", "spark-submit command:")]
    public void A_dry_run_checks_a_configuration_before_spark_is_installed_and_a_real_run_stops(string variable, string message, string printed)
    {
        Dictionary<string, string> environment = Environment();
        environment.Remove(variable);

        (int dryExit, string dryOutput) = Run("local.sh", ["--dry-run", .. s_job], environment);
        (int realExit, string realOutput) = Run("local.sh", s_job, environment);

        dryExit.Should().Be(0, dryOutput);
        dryOutput.Should().Contain("warning: " + message).And.Contain(printed).And.Contain("run books --input");
        realExit.Should().Be(2);
        realOutput.Should().Contain(message).And.NotContain("spark-submit command:");
    }

    [Theory]
    [InlineData("SPARK_MASTER", "standalone.sh", "set SPARK_MASTER")]
    [InlineData("WORKER_ZIP", "yarn.sh", "set WORKER_ZIP")]
    [InlineData("IMAGE", "kubernetes.sh", "set IMAGE")]
    public void A_missing_setting_is_named(string variable, string script, string message)
    {
        Dictionary<string, string> environment = Environment();
        environment.Remove(variable);

        (int exitCode, string output) = Run(script, ["--dry-run", .. s_job], environment);

        exitCode.Should().Be(2);
        output.Should().Contain(message);
    }

    [Fact]
    public void Databricks_job_runs_the_same_runner_jar_and_job_arguments()
    {
        using JsonDocument job = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "submit", "databricks-job.json")));
        string[] parameters = [.. job.RootElement.GetProperty("tasks")[0].GetProperty("spark_submit_task").GetProperty("parameters").EnumerateArray().Select(p => p.GetString()!)];

        parameters.Should().Contain("org.apache.spark.deploy.dotnet.DotnetRunner")
            .And.Contain(p => p.EndsWith("/microsoft-spark-3-5_2.12-2.3.1.jar", StringComparison.Ordinal))
            .And.Contain("RedPajama.Spark.Job");
        parameters.SkipWhile(p => p != "RedPajama.Spark.Job").Skip(1).Take(2).Should().Equal("run", "books");
    }

    private Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["SPARK_HOME"] = _spark.SparkHome,
        ["DOTNET_WORKER_DIR"] = _spark.WorkerDirectory,
        ["SPARK_MASTER"] = "spark://master:7077",
        ["HDFS_APPS"] = "hdfs:///apps/redpajama",
        ["WORKER_ZIP"] = "Microsoft.Spark.Worker.net8.0.linux-x64-2.3.1.zip",
        ["K8S_MASTER"] = "k8s://https://api:6443",
        ["IMAGE"] = "registry/redpajama-spark:2.3.1",
        ["PUBLISH_DIR"] = _spark.PublishDirectory,
    };

    private static string CommandLine(string output) =>
        output.Split('\n').Single(l => l.StartsWith("spark-submit command: ", StringComparison.Ordinal))["spark-submit command: ".Length..]
            .Replace("\\[", "[", StringComparison.Ordinal).Replace("\\]", "]", StringComparison.Ordinal)
            .Replace("\\*", "*", StringComparison.Ordinal).Replace("\\,", ",", StringComparison.Ordinal);

    private static (int ExitCode, string Output) Run(string script, IReadOnlyList<string> arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestData.RepositoryRoot };
        start.ArgumentList.Add(Path.Combine(TestData.RepositoryRoot, "submit", script));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string variable in new[] { "SPARK_HOME", "DOTNET_WORKER_DIR", "SPARK_MASTER", "HDFS_APPS", "WORKER_ZIP", "K8S_MASTER", "IMAGE", "MICROSOFT_SPARK_JAR", "MODEL_FILES", "MICROSOFT_SPARK_VERSION", "SPARK_LINE", "SCALA_VERSION" })
        {
            start.Environment.Remove(variable);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
