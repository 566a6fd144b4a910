using System.CommandLine;
using System.Diagnostics;
using RedPajama.Tokenization;
using RedPajama.Udfs.FastText;
using static System.FormattableString;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama bench-lid</c>: lines/s of <c>redpajama lid</c> and of <c>fasttext predict-prob</c> on the same file,
/// one thread each, measured in the same run, and whether their outputs are identical.
/// </summary>
public static class LidBenchCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Option<string>("--input", "-i") { Description = "A text file, one example per line.", Required = true };
        var model = new Option<string?>("--model", "-m") { Description = $"fastText model (default: the bundled {LidCommand.DefaultModelFileName})." };
        var k = new Option<int>("-k") { Description = "Labels per line.", DefaultValueFactory = _ => 1 }.MustBeAtLeast(1);
        var reference = new Option<string>("--reference") { Description = "The fasttext executable.", DefaultValueFactory = _ => "fasttext" };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs of each; the best counts.", DefaultValueFactory = _ => 3 }.MustBeAtLeast(1);
        var command = new Command("bench-lid", "Compare fastText prediction throughput and output with the fasttext CLI.") { input, model, k, reference, repeat };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model) ?? BundledModels.Locate(LidCommand.DefaultModelFileName);
            try
            {
                return Run(path, parse.GetValue(input)!, parse.GetValue(k), parse.GetValue(reference)!, parse.GetValue(repeat), output);
            }
            catch (Exception exception) when (exception is FastTextModelException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static int Run(string modelPath, string inputPath, int k, string reference, int repeat, TextWriter output)
    {
        byte[] input = File.ReadAllBytes(inputPath);
        var stopwatch = Stopwatch.StartNew();
        FastTextModel model = FastTextModel.Load(modelPath);
        double loadSeconds = stopwatch.Elapsed.TotalSeconds;
        using var ours = new MemoryStream();
        long lines = LidCommand.Run(model, new MemoryStream(input), ours, k, 0f);
        byte[] theirs = RunReference(reference, modelPath, inputPath, k, capture: true);
        bool identical = ours.ToArray().AsSpan().SequenceEqual(theirs);
        output.WriteLine(Invariant($"{lines} examples, {input.Length / 1e6:F1} MB; model {Path.GetFileName(modelPath)} ({model.Args.Loss}, {model.LabelCount} labels, {(model.IsQuantized ? "quantised" : "dense")}, loaded in {loadSeconds:F2} s); output identical: {identical}"));

        double bestOurs = double.MaxValue;
        double bestTheirs = double.MaxValue;
        for (int run = 0; run < repeat; run++)
        {
            stopwatch.Restart();
            LidCommand.Run(model, new MemoryStream(input), Stream.Null, k, 0f);
            bestOurs = Math.Min(bestOurs, stopwatch.Elapsed.TotalSeconds);
            stopwatch.Restart();
            RunReference(reference, modelPath, inputPath, k, capture: false);
            bestTheirs = Math.Min(bestTheirs, stopwatch.Elapsed.TotalSeconds);
        }

        output.WriteLine("predictor (1 thread)      lines/s      MB/s");
        output.WriteLine(Invariant($"fasttext predict-prob {lines / bestTheirs,12:F0} {input.Length / 1e6 / bestTheirs,9:F2}   (process start and model load included)"));
        output.WriteLine(Invariant($"redpajama lid         {lines / bestOurs,12:F0} {input.Length / 1e6 / bestOurs,9:F2}   (model loaded once)"));
        return identical ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static byte[] RunReference(string executable, string model, string input, int k, bool capture) =>
        ReferenceTool.Run(executable, ["predict-prob", model, input, k.ToString(System.Globalization.CultureInfo.InvariantCulture)], capture);
}
