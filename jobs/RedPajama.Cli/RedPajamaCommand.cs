using System.CommandLine;
using RedPajama.Configuration;
using RedPajama.Sources;

namespace RedPajama.Cli;

/// <summary>The <c>redpajama</c> command line.</summary>
public static class RedPajamaCommand
{
    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Where results and the summary go (standard output by default).</param>
    /// <param name="error">Where progress, warnings and errors go (standard error by default).</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var source = new Argument<string>("source") { Description = $"The source to build: {string.Join(", ", SourceCatalog.Names)}." };
        var input = new Option<string[]>("--input", "-i")
        {
            Description = "Input files, directories, glob patterns or http(s) URLs (repeatable); commoncrawl also takes a wet.paths[.gz] listing.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var outputDirectory = new Option<string>("--output", "-o") { Description = "Output directory for part files and _stats.json.", Required = true };
        var engine = new Option<string>("--engine") { Description = "Engine: local (embedded, the default) or spark (spark-submit through submit/<deployment>.sh).", DefaultValueFactory = _ => "local" };
        engine.MustBeOneOf("local", "spark");
        var deployment = new Option<string>("--spark-deploy") { Description = "With --engine spark: local, standalone, yarn or kubernetes.", DefaultValueFactory = _ => "local" };
        deployment.MustBeOneOf([.. SparkSubmitLauncher.Deployments]);
        var dryRun = new Option<bool>("--dry-run") { Description = "With --engine spark: print the spark-submit command, run nothing." };
        var config = new Option<string?>("--config") { Description = "YAML run configuration." };
        var threads = new Option<int?>("--threads", "-t") { Description = "Worker threads (default: all cores)." }.MustBeAtLeast(1);
        var format = new Option<string?>("--format") { Description = "Output format: parquet (default), jsonl or jsonl.zst." };
        var keepAll = new Option<bool>("--keep-all") { Description = "Also write dropped documents, with a drop_reason column." };
        var hashInMem = new Option<int?>("--hash-in-mem") { Description = "cc_net's hash_in_mem: paragraph dedup over groups of this many consecutive shards; the run reads its shard's group and writes its shard (RedPajama: 1)." }.MustBeAtLeast(1);
        var numShards = new Option<int?>("--num-shards") { Description = "Cut the inputs (a wet.paths listing's segments, in listing order) into N contiguous shards, as cc_net does; with --shard." }.MustBeAtLeast(1);
        var shard = new Option<int?>("--shard") { Description = "The shard to read, 0 to N-1: inputs [floor(s*n/N), floor((s+1)*n/N)) of n." }.MustBeAtLeast(0);
        var nearDedup = new Option<double?>("--near-dedup") { Description = "Remove near duplicates (MinHash-LSH) at this Jaccard threshold, e.g. 0.8." }.MustBeIn(DedupConfig.NearThresholdRange);
        var partitionBy = new Option<string?>("--partition-by") { Description = "Meta fields to partition the output by, comma-separated (language,bucket): Hive directories language=en/bucket=head/, as Spark writes them. \"\" for none." };
        var languages = new Option<string?>("--languages") { Description = "commoncrawl: languages kept after language ID, e.g. en,de, or all (default en, as RedPajama)." };
        var lmDir = new Option<string?>("--lm-dir") { Description = "commoncrawl: CCNet's model folder ({lang}.sp.model + {lang}.arpa.bin, KenLM binary, or {lang}.arpa)." };
        var metadata = new Option<string?>("--metadata") { Description = "commoncrawl: the record written, released (RedPajama's, the default) or ccnet (every cc_net field)." };
        var dumpDate = new Option<string?>("--dump-date") { Description = "wikipedia: the records' timestamp, YYYYMMDD (default: the date in each dump's file name, enwiki-20230320-...)." };
        var classifier = new Option<string?>("--classifier") { Description = "commoncrawl: keep documents RedPajama's Wikipedia-reference classifier (this fastText model) scores wiki_prob >= commoncrawl.min_wiki_prob." };

        var run = new Command("run", "Run a source's pipeline over raw dump files.")
        {
            source, input, outputDirectory, engine, config, threads, format, keepAll, nearDedup, deployment, dryRun, languages, lmDir, metadata, classifier, partitionBy, numShards, shard, hashInMem, dumpDate,
        };
        run.SetAction(async (parse, cancellationToken) =>
        {
            var options = new RunCommandOptions(
                parse.GetValue(source)!,
                parse.GetValue(input) ?? [],
                parse.GetValue(outputDirectory)!,
                parse.GetValue(engine)!,
                parse.GetValue(config),
                parse.GetValue(threads),
                parse.GetValue(format),
                parse.GetValue(keepAll),
                parse.GetValue(nearDedup),
                parse.GetValue(deployment)!,
                parse.GetValue(dryRun),
                parse.GetValue(languages),
                parse.GetValue(lmDir),
                parse.GetValue(metadata),
                parse.GetValue(classifier),
                parse.GetValue(partitionBy) is { } fields ? [.. fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null,
                parse.GetValue(numShards),
                parse.GetValue(shard),
                parse.GetValue(hashInMem),
                parse.GetValue(dumpDate));
            return await new RunCommand(output, error).ExecuteAsync(options, cancellationToken).ConfigureAwait(false);
        });

        var benchSource = new Argument<string>("source") { Description = "The source to measure." };
        var benchInput = new Option<string[]>("--input", "-i") { Description = "Input files, directories or globs.", Required = true, AllowMultipleArgumentsPerToken = true };
        var benchThreads = new Option<int[]>("--threads", "-t")
        {
            Description = "Thread counts to measure (default: 1 and all cores).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1],
        }.MustBeAtLeast(1);
        var benchRepeat = new Option<int>("--repeat") { Description = "Runs per thread count; the fastest counts.", DefaultValueFactory = _ => 3 }.MustBeAtLeast(1);
        var benchConfig = new Option<string?>("--config") { Description = "YAML run configuration (quality, tokenizer, source settings)." };
        var benchReference = new Option<string?>("--reference") { Description = "A shell command running the reference implementation on the same input (e.g. cc_net's Python), timed once and printed beside this project's runs." };
        var bench = new Command("bench", "Measure a source's pipeline throughput (docs/s, MB/s, MB per CPU second) at several thread counts, next to a reference command.")
        {
            benchSource, benchInput, benchThreads, benchRepeat, benchConfig, benchReference,
        };
        bench.SetAction(async (parse, cancellationToken) => await new BenchCommand(output, error).ExecuteAsync(
            parse.GetValue(benchSource)!, parse.GetValue(benchInput) ?? [], parse.GetValue(benchThreads) ?? [1], parse.GetValue(benchRepeat), parse.GetValue(benchConfig), cancellationToken, parse.GetValue(benchReference)).ConfigureAwait(false));

        var root = new RootCommand("RedPajama.Spark: build LLM pretraining data from raw public dumps.")
        {
            run, bench, TokenizeCommand.Create(error), TokenizerBenchCommand.Create(output, error),
            SignalsCommand.Create(error), SignalsBenchCommand.Create(output, error), LidCommand.Create(error), LidBenchCommand.Create(output, error), LmCommand.Create(error), LmBenchCommand.Create(output, error), FastTextTrainCommand.Create(output, error), CcClassifierCommand.Create(output, error), DedupCommand.Create(output, error), MinHashBenchCommand.Create(output, error), ExactDedupBenchCommand.Create(output, error),
        };
        OptionRules.CheckKinds(root);
        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError parseError in result.Errors)
            {
                await error.WriteLineAsync($"redpajama: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"Try '{OptionRules.PathOf(result.CommandResult)} --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Ctrl+C and SIGTERM cancel the command's token; a run then removes its staging and spill folders and
        // releases its lock before the process exits (a second Ctrl+C stops at once; the next run removes what is left).
        using TerminationSignals.Listener signals = TerminationSignals.Listen();
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        int code = await result.InvokeAsync(invocation, signals.Token).ConfigureAwait(false);
        return signals.Signal is null || code == ExitCodes.Success ? code : signals.SignalExitCode;
    }
}
