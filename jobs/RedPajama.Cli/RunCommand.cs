using System.Diagnostics;
using System.Globalization;
using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Output;
using RedPajama.Pipeline;
using RedPajama.Sources;
using RedPajama.Udfs.Tokenization;
using RedPajama.Writing;

namespace RedPajama.Cli;

/// <summary><c>redpajama run</c>: resolves inputs, runs the pipeline on the local engine, prints a summary.</summary>
/// <param name="output">Summary destination.</param>
/// <param name="error">Progress, warnings and errors.</param>
public sealed class RunCommand(TextWriter output, TextWriter error)
{
    /// <summary>Runs the command.</summary>
    /// <param name="options">Parsed arguments.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The exit code.</returns>
    public async Task<int> ExecuteAsync(RunCommandOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Engine == "spark")
        {
            return await SparkSubmitLauncher.RunAsync(options, output, error, cancellationToken).ConfigureAwait(false);
        }

        if (options.DryRun)
        {
            await error.WriteLineAsync("redpajama: --dry-run goes with --engine spark").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        RunConfig config;
        OutputFormat format;
        Reading.InputShard? shard;
        try
        {
            if (!SourceCatalog.Names.Contains(options.Source))
            {
                throw new ArgumentException($"unknown source '{options.Source}' (available: {string.Join(", ", SourceCatalog.Names)})");
            }

            config = options.ConfigPath is null ? new RunConfig() : RunConfigLoader.Load(options.ConfigPath);
            config.Dedup.NearThreshold = options.NearDedup ?? config.Dedup.NearThreshold;
            CommonCrawlOptions.ApplyTo(config, options);
            WikipediaOptions.ApplyTo(config, options);
            if (options.PartitionBy is { } partitionBy)
            {
                config.Output.PartitionBy = [.. partitionBy];
                config.Validate("--partition-by");
            }
            format = OutputFormats.Parse(options.Format ?? config.Format);
            shard = options.InputShard();
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IOException)
        {
            await error.WriteLineAsync($"redpajama: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (await CliInputs.ResolveAsync(options.Source, options.Inputs, error, config, shard).ConfigureAwait(false) is not { } inputs)
        {
            return ExitCodes.Failed;
        }

        try
        {
            OutputPlacement.Check(options.Output, options.Inputs, inputs.Files);
        }
        catch (RunFailedException exception)
        {
            await error.WriteLineAsync($"redpajama: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        PipelineDescription pipeline;
        try
        {
            SourceCatalog.InferFromFirstInput(options.Source, config, inputs.Files.Count > 0 ? inputs.Files[0].Path : null);
            if (inputs.WrittenInputs is (int start, int end))
            {
                config.Section<Sources.CommonCrawl.CommonCrawlConfig>().WrittenInputs = options.Source == Sources.CommonCrawl.CommonCrawlSource.SourceName
                    ? [start, end]
                    : throw new ArgumentException("--hash-in-mem goes with the commoncrawl source");
            }

            pipeline = SourceCatalog.Describe(options.Source, config, message => { lock (error) { error.WriteLine($"redpajama: warning: {message}"); } });
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IOException or InvalidDataException or SentencePieceModelException or Udfs.FastText.FastTextModelException)
        {
            await error.WriteLineAsync($"redpajama: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var progress = new RunProgress();
        var engineOptions = new LocalEngineOptions
        {
            Threads = options.Threads ?? config.Threads ?? Environment.ProcessorCount,
            MemoryBytes = config.MemoryMb << 20,
            ShardBytes = config.ShardMb << 20,
            Format = format,
            KeepAll = options.KeepAll || config.KeepAll,
            TemporaryDirectory = config.TempDir,
            SpillZstdLevel = config.SpillZstdLevel,
            MaxPartitions = config.Output.MaxPartitions,
            Warn = message => { lock (error) { error.WriteLine($"redpajama: warning: {message}"); } },
            Progress = progress,
        };

        var stopwatch = Stopwatch.StartNew();
        RunStatistics statistics;
        using (var display = new ProgressDisplay(progress, error, stopwatch))
        {
            try
            {
                statistics = await new LocalEngine(engineOptions).RunAsync(pipeline, inputs.Files, options.Output, inputs.Problems, cancellationToken).ConfigureAwait(false);
            }
            catch (RunFailedException exception)
            {
                display.Stop();
                await error.WriteLineAsync($"redpajama: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException)
            {
                display.Stop();
                await error.WriteLineAsync($"redpajama: cancelled; {options.Output} is as it was before the run and the temporary files are removed").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A full disk or a vanished scratch folder: the run's own writes failed, not an input.
                display.Stop();
                await error.WriteLineAsync($"redpajama: the run failed writing its output or temporary files: {exception.Message}; {options.Output} is as it was before the run").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }

        stopwatch.Stop();
        await output.WriteLineAsync(Summary(statistics, options.Output, engineOptions.Threads, stopwatch.Elapsed)).ConfigureAwait(false);
        return statistics.InputErrors.Count > 0 ? ExitCodes.InputErrors : ExitCodes.Success;
    }

    private static string Summary(RunStatistics statistics, string outputDirectory, int threads, TimeSpan elapsed)
    {
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        string dropped = statistics.Dropped.Count == 0
            ? "none"
            : string.Join(", ", statistics.Dropped.Select(d => $"{d.Key} {d.Value}"));
        string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            Invariant($"{statistics.Source}: read {statistics.Read} documents from {statistics.InputFiles} files ({statistics.InputBytes / 1e6:F1} MB), wrote {statistics.Written}, dropped {statistics.Dropped.Values.Sum()} ({dropped})"),
            Invariant($"throughput: {statistics.Read / seconds:F1} docs/s, {statistics.InputBytes / 1e6 / seconds:F2} MB/s on {threads} threads ({elapsed.TotalSeconds:F2} s)"),
            $"output: {Path.GetFullPath(outputDirectory)} ({statistics.Parts.Count} part files; accounting in {LocalEngine.StatisticsFileName})",
        };
        if (statistics.InputErrors.Count > 0)
        {
            lines.Add($"input errors: {statistics.InputErrors.Count} (see input_errors in {LocalEngine.StatisticsFileName})");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
