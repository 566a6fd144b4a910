using System.CommandLine;
using System.Diagnostics;
using RedPajama.Configuration;
using RedPajama.Dedup;
using RedPajama.Documents;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Output;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources.Documents;
using RedPajama.Steps;
using RedPajama.Writing;
using static System.FormattableString;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama dedup exact|near|lines</c>: front ends over the pipeline's grouped steps (<see cref="ExactDedupStep"/>,
/// <see cref="NearDedupStep"/>, <see cref="SimHashDedupStep"/>, <see cref="CcnetLineDedupStep"/>) on the local engine,
/// reading JSON lines with the documents reader. Each kept document is written as its own input line
/// (<see cref="OutputFormat.SourceJsonl"/>), so every input field stays; the earliest document of each cluster (input
/// order) is kept. With <c>--mark</c> every document is written with its <c>cluster_id</c>: the run-wide number of
/// its cluster's kept document (non-blank lines counted from 0 across the inputs). <c>_stats.json</c> is the
/// engine's <see cref="RunStatistics"/>.
/// </summary>
public static class DedupCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="output">Where the summary goes.</param>
    /// <param name="error">Where skipped lines and errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var exact = new Command("exact", "Drop documents whose key (the text, or --key field) another earlier document has.");
        var near = new Command("near", "Drop near-duplicates: MinHash-LSH at a Jaccard threshold, or --method simhash (RedPajama's books).");
        var lines = new Command("lines", "CCNet's paragraph dedup: remove lines that two or more documents share (all inputs form one group).");
        foreach (Command command in (Command[])[exact, near, lines])
        {
            command.Options.Add(new Option<string[]>("--input", "-i") { Description = "JSON-lines files or directories.", Required = true, AllowMultipleArgumentsPerToken = true });
            command.Options.Add(new Option<string>("--output", "-o") { Description = "Output directory.", Required = true });
        }

        foreach (Command command in (Command[])[exact, near])
        {
            command.Options.Add(new Option<bool>("--mark") { Description = "Keep every document and add cluster_id instead of dropping." });
        }

        exact.Options.Add(new Option<string>("--key") { Description = "Field to compare (default: text).", DefaultValueFactory = _ => "text" });
        near.Options.Add(new Option<double>("--threshold") { Description = "Jaccard threshold, above 0 and at most 1.", DefaultValueFactory = _ => 0.8 }.MustBeIn(DedupConfig.NearThresholdRange));
        near.Options.Add(new Option<int>("--ngram") { Description = "Shingle length.", DefaultValueFactory = _ => 5 }.MustBeIn(DedupConfig.AtLeastOne));
        near.Options.Add(new Option<int>("--num-perm") { Description = "MinHash permutations.", DefaultValueFactory = _ => 128 }.MustBeIn(DedupConfig.AtLeastOne));
        near.Options.Add(new Option<bool>("--chars") { Description = "Character shingles instead of word shingles." });
        near.Options.Add(new Option<bool>("--verify") { Description = "Confirm candidates by exact Jaccard of their shingles." });
        near.Options.Add(new Option<string>("--method") { Description = "minhash or simhash.", DefaultValueFactory = _ => "minhash" }.MustBeOneOf([.. DedupConfig.Methods]));
        near.Options.Add(new Option<int>("--seed") { Description = "MinHash seed.", DefaultValueFactory = _ => 1 });
        exact.SetAction((parse, token) => RunAsync(parse, Exact, output, error, token));
        near.SetAction((parse, token) => RunAsync(parse, Near, output, error, token));
        lines.SetAction((parse, token) => RunAsync(parse, Lines, output, error, token));
        return new Command("dedup", "Remove exact or near-duplicate documents, or CCNet's duplicated lines.") { exact, near, lines };
    }

    private static (MetaSchema Meta, GroupedStep Step, string Method) Exact(ParseResult parse)
    {
        string key = parse.GetValue<string>("--key")!;
        bool mark = parse.GetValue<bool>("--mark");
        if (key == "text")
        {
            return (new MetaSchema(), new ExactDedupStep(mark), "exact");
        }

        var meta = new MetaSchema(new MetaField(key, MetaType.Text));
        return (meta, new ExactDedupStep(meta, key, mark), $"exact on '{key}'");
    }

    private static (MetaSchema Meta, GroupedStep Step, string Method) Near(ParseResult parse)
    {
        var config = new DedupConfig
        {
            Method = parse.GetValue<string>("--method")!,
            NearThreshold = parse.GetValue<double>("--threshold"),
            NumPerm = parse.GetValue<int>("--num-perm"),
            Ngram = parse.GetValue<int>("--ngram"),
            Shingles = parse.GetValue<bool>("--chars") ? "characters" : "words",
            Seed = parse.GetValue<int>("--seed"),
        };

        // --verify has nothing to confirm with SimHash; it was always ignored there.
        config.Verify = parse.GetValue<bool>("--verify") && config.Method == "minhash";
        GroupedStep step = PipelineDedup.Step(config, linkClusters: parse.GetValue<bool>("--mark"));
        string method = step is NearDedupStep minhash
            ? Invariant($"minhash {config.NumPerm} permutations, {config.Ngram}-{config.Shingles} shingles, {minhash.Bands.Bands} bands x {minhash.Bands.Rows} rows for Jaccard {config.NearThreshold}{(config.Verify ? ", verified" : string.Empty)}")
            : "simhash (Hamming <= 5)";
        return (new MetaSchema(), step, method);
    }

    private static (MetaSchema Meta, GroupedStep Step, string Method) Lines(ParseResult parse)
    {
        // The counts cc_net's finalize_doc sets; the writer adds them (and line_ids) to each rewritten line.
        var meta = new MetaSchema(new MetaField("nlines", MetaType.Integer), new MetaField("original_nlines", MetaType.Integer));
        return (meta, new CcnetLineDedupStep(meta, perInput: false), "ccnet lines");
    }

    private static async Task<int> RunAsync(
        ParseResult parse,
        Func<ParseResult, (MetaSchema Meta, GroupedStep Step, string Method)> describe,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        string[] inputs = parse.GetValue<string[]>("--input") ?? [];
        string directory = parse.GetValue<string>("--output")!;
        if (CliInputs.Resolve(inputs, error, DocumentsReader.IsJsonLines) is not { } resolution)
        {
            return ExitCodes.Failed;
        }

        try
        {
            OutputPlacement.Check(directory, inputs, resolution.Files);
        }
        catch (RunFailedException exception)
        {
            await error.WriteLineAsync($"redpajama: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        (MetaSchema meta, GroupedStep step, string method) = describe(parse);
        bool mark = parse.GetValue<bool>("--mark");
        var pipeline = new PipelineDescription(
            "dedup", meta, new DocumentsReader(ReadLimits.Default, keepSourceLines: true), [step], JsonLayout.TextThenMeta);
        var options = new LocalEngineOptions
        {
            Format = OutputFormat.SourceJsonl,
            KeepAll = mark,
            Warn = message => { lock (error) { error.WriteLine($"redpajama: warning: {message}"); } },
        };

        var stopwatch = Stopwatch.StartNew();
        RunStatistics statistics;
        try
        {
            statistics = await new LocalEngine(options).RunAsync(pipeline, resolution.Files, directory, resolution.Problems, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or RunFailedException or OperationCanceledException)
        {
            // The run's own failures (a full disk, a locked output, Ctrl+C): the previous output stays.
            await error.WriteLineAsync($"redpajama: dedup failed: {exception.Message}; {directory} is as it was before the run").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        bool inputErrors = CliInputs.Report(statistics.InputErrors.Except(resolution.Problems), error);
        long duplicates = statistics.Dropped.GetValueOrDefault(step.DropReason);
        await output.WriteLineAsync(Invariant(
            $"dedup {method}: read {statistics.Read}, {duplicates} {step.DropReason}{(mark ? " (marked)" : string.Empty)}, wrote {statistics.Written}{(mark ? " kept + " + duplicates + " marked" : string.Empty)} in {stopwatch.Elapsed.TotalSeconds:F2} s")).ConfigureAwait(false);
        return inputErrors || statistics.InputErrors.Count > 0 ? ExitCodes.InputErrors : ExitCodes.Success;
    }
}
