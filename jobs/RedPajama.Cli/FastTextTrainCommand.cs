using System.CommandLine;
using System.Diagnostics;
using RedPajama.Configuration;
using RedPajama.Udfs.FastText;
using static System.FormattableString;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama fasttext-train</c>: trains a supervised fastText classifier (fastText's defaults) and saves a
/// <c>.bin</c> that <c>fasttext predict</c> and <c>redpajama lid</c> load.
/// </summary>
public static class FastTextTrainCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="output">Where the summary goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Option<string>("--input", "-i") { Description = "Training file: one example per line, labels as __label__x.", Required = true };
        var model = new Option<string>("--output", "-o") { Description = "The .bin to write.", Required = true };
        var dimension = new Option<int>("--dim") { DefaultValueFactory = _ => 100, Description = "Vector size." }.MustBeAtLeast(1);
        var learningRate = new Option<float>("--lr") { DefaultValueFactory = _ => 0.1f, Description = "Learning rate." }.MustBeIn(NumberRange.Above(0));
        var epochs = new Option<int>("--epoch") { DefaultValueFactory = _ => 5, Description = "Epochs." }.MustBeAtLeast(1);
        var minCount = new Option<int>("--min-count") { DefaultValueFactory = _ => 1, Description = "Minimal word count." }.MustBeAtLeast(1);
        var wordNgrams = new Option<int>("--word-ngrams") { DefaultValueFactory = _ => 1, Description = "Longest word n-gram." }.MustBeAtLeast(1);
        var loss = new Option<string>("--loss") { DefaultValueFactory = _ => "softmax", Description = "softmax, hs or ova." };
        loss.MustBeOneOf("softmax", "hs", "ova");
        var bucket = new Option<int>("--bucket") { DefaultValueFactory = _ => 2_000_000, Description = "Hash buckets." }.MustBeAtLeast(0);
        var minn = new Option<int>("--minn") { DefaultValueFactory = _ => 0, Description = "Shortest character n-gram." }.MustBeAtLeast(0);
        var maxn = new Option<int>("--maxn") { DefaultValueFactory = _ => 0, Description = "Longest character n-gram." }.MustBeAtLeast(0);
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount, Description = "Hogwild threads." }.MustBeAtLeast(1);
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0, Description = "Random seed." };
        var reference = new Option<string?>("--compare-with") { Description = "A fasttext executable: train the same model with it too and print both throughputs (words/s/thread)." };
        var fullInit = new Option<bool>("--full-init") { Description = "Draw every input row at random (fastText 0.9.2 leaves all but min(threads, 10) tenths at zero)." };
        var command = new Command("fasttext-train", "Train a supervised fastText classifier; writes a .bin the fasttext CLI loads.")
        {
            input, model, dimension, learningRate, epochs, minCount, wordNgrams, loss, bucket, minn, maxn, threads, seed, fullInit, reference,
        };
        command.SetAction(parse =>
        {
            var options = new FastTextTrainingOptions(
                parse.GetValue(dimension), parse.GetValue(learningRate), parse.GetValue(epochs), parse.GetValue(minCount), parse.GetValue(wordNgrams),
                parse.GetValue(loss) switch { "hs" => FastTextLoss.HierarchicalSoftmax, "ova" => FastTextLoss.OneVsAll, _ => FastTextLoss.Softmax },
                parse.GetValue(bucket), parse.GetValue(minn), parse.GetValue(maxn), parse.GetValue(threads), parse.GetValue(seed),
                FullInitialization: parse.GetValue(fullInit));
            try
            {
                byte[] data = File.ReadAllBytes(parse.GetValue(input)!);
                var stopwatch = Stopwatch.StartNew();
                FastTextModel trained = FastTextTrainer.Train(data, options, parse.GetValue(model)!);
                double seconds = stopwatch.Elapsed.TotalSeconds;
                trained.Save(parse.GetValue(model)!);
                long words = CountWords(data);
                output.WriteLine(Invariant($"trained {trained.WordCount} words, {trained.LabelCount} labels, {options.Epochs} epochs in {seconds:F2} s on {options.Threads} threads ({words * (double)options.Epochs / seconds / options.Threads:F0} words/s/thread); saved {parse.GetValue(model)}"));
                if (parse.GetValue(reference) is { } executable)
                {
                    double theirs = RunReference(executable, parse.GetValue(input)!, parse.GetValue(loss)!, options);
                    output.WriteLine(Invariant($"{executable} supervised, same settings: {theirs:F2} s ({words * (double)options.Epochs / theirs / options.Threads:F0} words/s/thread, reading and saving included)"));
                }

                return ExitCodes.Success;
            }
            catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static long CountWords(byte[] data)
    {
        long words = 0;
        bool inWord = false;
        foreach (byte b in data)
        {
            bool separator = b is (byte)' ' or (byte)'\n' or (byte)'\t' or (byte)'\r' or 0x0B or 0x0C or 0;
            words += !separator && !inWord ? 1 : 0;
            inWord = !separator;
        }

        return words;
    }

    private static double RunReference(string executable, string input, string loss, FastTextTrainingOptions options)
    {
        string output = Path.Combine(Path.GetTempPath(), $"redpajama-fasttext-{Guid.NewGuid():N}");
        var stopwatch = Stopwatch.StartNew();
        ReferenceTool.Run(executable,
        [
            "supervised", "-input", input, "-output", output, "-dim", Invariant($"{options.Dimension}"), "-lr", Invariant($"{options.LearningRate}"),
            "-epoch", Invariant($"{options.Epochs}"), "-minCount", Invariant($"{options.MinCount}"), "-wordNgrams", Invariant($"{options.WordNgrams}"),
            "-loss", loss, "-bucket", Invariant($"{options.Buckets}"), "-minn", Invariant($"{options.MinN}"), "-maxn", Invariant($"{options.MaxN}"),
            "-thread", Invariant($"{options.Threads}"), "-seed", Invariant($"{options.Seed}"), "-verbose", "0",
        ], captureOutput: false);
        double seconds = stopwatch.Elapsed.TotalSeconds;
        File.Delete(output + ".bin");
        File.Delete(output + ".vec");
        return seconds;
    }
}
