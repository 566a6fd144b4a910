using System.Diagnostics;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama run --engine spark</c>: hands the run to the spark-submit script of a deployment (<c>submit/*.sh</c>,
/// found above the CLI's folder or the current directory, or in <c>REDPAJAMA_SUBMIT_DIR</c>), with the same job
/// arguments. The scripts publish the Spark job and print the command they run; <c>--dry-run</c> only prints it.
/// </summary>
public static class SparkSubmitLauncher
{
    /// <summary>The deployments there is a script for.</summary>
    public static IReadOnlyList<string> Deployments { get; } = ["local", "standalone", "yarn", "kubernetes"];

    /// <summary>The arguments the Spark job takes for a run (its <c>run</c> verb has the CLI's words).</summary>
    /// <param name="options">The parsed <c>run</c> arguments.</param>
    /// <returns>The job arguments.</returns>
    public static IReadOnlyList<string> JobArguments(RunCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string> { "run", options.Source, "--input" };
        arguments.AddRange(options.Inputs);
        arguments.AddRange(["--output", options.Output]);
        if (options.ConfigPath is not null)
        {
            arguments.AddRange(["--config", options.ConfigPath]);
        }

        if (options.KeepAll)
        {
            arguments.Add("--keep-all");
        }

        if (options.NumShards is { } count)
        {
            arguments.AddRange(["--num-shards", count.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (options.Shard is { } shard)
        {
            arguments.AddRange(["--shard", shard.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return arguments;
    }

    /// <summary>Runs the deployment's script and waits for it, passing its output on.</summary>
    /// <param name="options">The parsed <c>run</c> arguments.</param>
    /// <param name="output">Receives the script's standard output (the command it runs, Spark's output).</param>
    /// <param name="error">Receives the script's standard error and the launcher's own problems.</param>
    /// <param name="cancellationToken">Stops the script.</param>
    /// <returns>The script's exit code, or a usage error.</returns>
    public static async Task<int> RunAsync(RunCommandOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // The Spark job takes its settings from the configuration file; these options exist for the local engine only.
        string? unsupported = options.Threads is not null ? "--threads (set executor cores with EXECUTOR_CORES)"
            : options.HashInMem is > 1 ? "--hash-in-mem above 1 (run the shards of a group on the local engine, or one Spark job over the group without --shard)"
            : options.Format is not null ? "--format (the Spark job writes Parquet)"
            : options.NearDedup is not null ? "--near-dedup (set dedup.near_threshold in --config)"
            : options.Languages is not null || options.LmDir is not null || options.Metadata is not null || options.Classifier is not null ? "--languages, --lm-dir, --metadata or --classifier (set commoncrawl.languages, lm_dir, metadata, classifier in --config)"
            : options.PartitionBy is not null ? "--partition-by (set output.partition_by in --config)"
            : null;
        if (unsupported is not null)
        {
            await error.WriteLineAsync($"redpajama: --engine spark does not take {unsupported}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            _ = options.InputShard();
        }
        catch (ArgumentException exception)
        {
            await error.WriteLineAsync($"redpajama: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (FindScript(options.SparkDeployment) is not { } script)
        {
            await error.WriteLineAsync($"redpajama: submit/{options.SparkDeployment}.sh not found above {AppContext.BaseDirectory} or the current directory; run from a clone of the repository or set REDPAJAMA_SUBMIT_DIR").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        if (options.DryRun)
        {
            start.ArgumentList.Add("--dry-run");
        }

        foreach (string argument in JobArguments(options))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        try
        {
            await Task.WhenAll(
                Forward(process.StandardOutput, output, cancellationToken),
                Forward(process.StandardError, error, cancellationToken),
                process.WaitForExitAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }

    private static async Task Forward(StreamReader from, TextWriter to, CancellationToken cancellationToken)
    {
        while (await from.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            await to.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    private static string? FindScript(string deployment)
    {
        string name = deployment + ".sh";
        if (Environment.GetEnvironmentVariable("REDPAJAMA_SUBMIT_DIR") is { Length: > 0 } configured)
        {
            string candidate = Path.Combine(configured, name);
            return File.Exists(candidate) ? candidate : null;
        }

        foreach (string origin in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (string? directory = origin; directory is not null; directory = Path.GetDirectoryName(directory))
            {
                string candidate = Path.Combine(directory, "submit", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
