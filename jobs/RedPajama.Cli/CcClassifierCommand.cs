using System.CommandLine;
using System.Diagnostics;
using RedPajama.Configuration;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Udfs.FastText;
using static System.FormattableString;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama cc-classifier train</c>: RedPajama's Wikipedia-reference classifier. Builds the training corpus as
/// <c>create_corpus.py</c> does (<see cref="WikiReferenceCorpus"/>) and trains it as <c>fasttext supervised -input
/// data_train -output model</c> does (all defaults), writing a <c>.bin</c> that fastText, RedPajama's
/// <c>classify.py</c> and <c>commoncrawl.classifier</c> load.
/// </summary>
public static class CcClassifierCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="output">Where the summary goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var wiki = new Option<string[]>("--wiki")
        {
            Description = "cc_net JSON (.gz) files of the crawled Wikipedia references (upstream: en_head_0000 then en_middle_0000), or directories.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var cc = new Option<string[]>("--cc")
        {
            Description = "cc_net JSON (.gz) files of Common Crawl, or directories (their head/middle .gz files, not dedup ones, in path order).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var model = new Option<string>("--output", "-o") { Description = "The model .bin to write.", Required = true };
        var corpus = new Option<string?>("--corpus-out") { Description = "Also write the training corpus here." };
        var faithful = new Option<bool>("--faithful") { Description = "Keep upstream's bug: the wiki side's digest dedup stores the literal key \"digest\" and removes nothing." };
        var dimension = new Option<int>("--dim") { DefaultValueFactory = _ => 100, Description = "Vector size (fastText's default)." }.MustBeAtLeast(1);
        var learningRate = new Option<float>("--lr") { DefaultValueFactory = _ => 0.1f, Description = "Learning rate (fastText's default)." }.MustBeIn(NumberRange.Above(0));
        var epochs = new Option<int>("--epoch") { DefaultValueFactory = _ => 5, Description = "Epochs (fastText's default)." }.MustBeAtLeast(1);
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount, Description = "Hogwild threads (1 gives the same model on every run)." }.MustBeAtLeast(1);
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0, Description = "Random seed." };
        var train = new Command("train", "Build create_corpus.py's corpus from cc_net files and train fastText's supervised defaults on it.")
        {
            wiki, cc, model, corpus, faithful, dimension, learningRate, epochs, threads, seed,
        };
        train.SetAction(parse =>
        {
            try
            {
                var stopwatch = Stopwatch.StartNew();
                IReadOnlyList<string> wikiFiles = WikiReferenceCorpus.ExpandInputs(parse.GetValue(wiki) ?? []);
                IReadOnlyList<string> ccFiles = WikiReferenceCorpus.ExpandInputs(parse.GetValue(cc) ?? []);
                using var buffer = new MemoryStream();
                WikiReferenceCorpusCounts counts = new WikiReferenceCorpus(parse.GetValue(faithful)).Write(wikiFiles, ccFiles, buffer);
                byte[] data = buffer.ToArray();
                if (parse.GetValue(corpus) is { } corpusPath)
                {
                    File.WriteAllBytes(corpusPath, data);
                }

                output.WriteLine(Invariant($"corpus: {counts.WikiRecords} wiki records ({counts.WikiDuplicates} repeated digests, {counts.WikiTooShort} under {WikiReferenceCorpus.MinWikiLength} code points) → {counts.WikiExamples} __label__wiki; {counts.CcFiles} CC files × {counts.PerFile:0.###} → {counts.CcExamples} __label__cc"));
                var options = new FastTextTrainingOptions(
                    Dimension: parse.GetValue(dimension), LearningRate: parse.GetValue(learningRate), Epochs: parse.GetValue(epochs),
                    Threads: parse.GetValue(threads), Seed: parse.GetValue(seed));
                string path = parse.GetValue(model)!;
                FastTextModel trained = FastTextTrainer.Train(data, options, path);
                trained.Save(path);
                output.WriteLine(Invariant($"trained {trained.WordCount} words, {trained.LabelCount} labels in {stopwatch.Elapsed.TotalSeconds:F1} s; saved {path}"));
                return ExitCodes.Success;
            }
            catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException or InvalidDataException)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        return new Command("cc-classifier", "RedPajama's Wikipedia-reference quality classifier for Common Crawl.") { train };
    }
}
