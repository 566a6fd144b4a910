using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RedPajama.Tokenization;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama bench-tokenizer</c>: tokenizes the same files with this project and with <c>spm_encode</c> in one
/// run, one thread each, and prints MB/s of both, the ratio, and how many output lines differ. With
/// <c>--tokenizer-json</c>, a byte-level BPE model against the HuggingFace <c>tokenizers</c> library instead.
/// </summary>
public static class TokenizerBenchCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="output">Where the report goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string?>("--model", "-m") { Description = $"SentencePiece tokenizer.model (default: the bundled {BundledModels.DefaultTokenizerFileName})." };
        var input = new Option<string[]>("--input", "-i") { Description = "Text files, one sentence or document per line.", Required = true, AllowMultipleArgumentsPerToken = true };
        var reference = new Option<string>("--reference") { Description = "The spm_encode executable.", DefaultValueFactory = _ => "spm_encode" };
        var tokenizerJson = new Option<string?>("--tokenizer-json") { Description = "A HuggingFace tokenizer.json (byte-level BPE, e.g. models/gpt-neox-20b-tokenizer.json): compare with the tokenizers library instead of spm_encode." };
        var nodeScript = new Option<string>("--node-script") { Description = "With --tokenizer-json: the reference script (tests/RedPajama.Tests/fixtures/neox/encode.mjs, after npm ci there).", DefaultValueFactory = _ => Path.Combine("tests", "RedPajama.Tests", "fixtures", "neox", "encode.mjs") };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs of each tokenizer; the first and the best are shown.", DefaultValueFactory = _ => 3 }.MustBeAtLeast(1);
        var command = new Command("bench-tokenizer", "Compare tokenizer throughput and output with spm_encode (or, for a tokenizer.json, the HuggingFace tokenizers library) on the same files.") { model, input, reference, tokenizerJson, nodeScript, repeat };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model) ?? BundledModels.DefaultTokenizerPath;
            string[] files = parse.GetValue(input) ?? [];
            try
            {
                if (parse.GetValue(tokenizerJson) is { } json)
                {
                    return ByteLevelTokenizerBench.Run(json, files, parse.GetValue(nodeScript)!, parse.GetValue(repeat), output);
                }

                return Run(SentencePieceTokenizer.Load(path), path, files, parse.GetValue(reference)!, parse.GetValue(repeat), output);
            }
            catch (Exception exception) when (exception is SentencePieceModelException or TokenizerJsonException or IOException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static int Run(SentencePieceTokenizer tokenizer, string modelPath, string[] files, string reference, int repeat, TextWriter output)
    {
        long bytes = files.Sum(f => new FileInfo(f).Length);
        double megabytes = bytes / 1e6;
        output.WriteLine(Invariant($"{files.Length} files, {megabytes:F1} MB; model {Path.GetFileName(modelPath)} ({tokenizer.Settings.ModelType}, {tokenizer.VocabularySize} pieces); one thread each"));

        // Fidelity first, on the full output of both.
        byte[] theirs = RunReference(reference, modelPath, files, captureOutput: true);
        byte[] ours = RunOurs(tokenizer, files, capture: true);
        (int lines, int mismatched) = Compare(ours, theirs);
        output.WriteLine(Invariant($"lines: {lines}, mismatched: {mismatched}"));

        var referenceTimes = new List<double>();
        var ourTimes = new List<double>();
        long peakBefore = Environment.WorkingSet;
        for (int run = 0; run < repeat; run++)
        {
            // A fresh tokenizer each run: its word cache starts empty, as in a new process.
            var fresh = SentencePieceTokenizer.Load(modelPath);
            var stopwatch = Stopwatch.StartNew();
            RunOurs(fresh, files, capture: false);
            ourTimes.Add(stopwatch.Elapsed.TotalSeconds);
            stopwatch.Restart();
            RunReference(reference, modelPath, files, captureOutput: false);
            referenceTimes.Add(stopwatch.Elapsed.TotalSeconds);
        }

        output.WriteLine("tokenizer               first MB/s   best MB/s");
        output.WriteLine(Invariant($"spm_encode              {megabytes / referenceTimes[0],10:F2}  {megabytes / referenceTimes.Min(),10:F2}"));
        output.WriteLine(Invariant($"redpajama               {megabytes / ourTimes[0],10:F2}  {megabytes / ourTimes.Min(),10:F2}"));
        output.WriteLine(Invariant($"ratio (best/best): {referenceTimes.Min() / ourTimes.Min():F2}x; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB (was {peakBefore / 1e6:F0} MB before the timed runs)"));
        return mismatched == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static byte[] RunOurs(SentencePieceTokenizer tokenizer, IReadOnlyList<string> files, bool capture)
    {
        using Stream sink = capture ? new MemoryStream() : Stream.Null;
        foreach (string file in files)
        {
            using FileStream input = new(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            TokenizeCommand.Run(tokenizer, input, sink, TokenizeOutputFormat.Id, addBos: false, addEos: false);
        }

        return capture ? ((MemoryStream)sink).ToArray() : [];
    }

    private static byte[] RunReference(string executable, string modelPath, IReadOnlyList<string> files, bool captureOutput) =>
        ReferenceTool.Run(executable, [$"--model={modelPath}", "--output_format=id", .. files], captureOutput);

    private static (int Lines, int Mismatched) Compare(byte[] ours, byte[] theirs)
    {
        int lines = 0;
        int mismatched = 0;
        ReadOnlySpan<byte> a = ours;
        ReadOnlySpan<byte> b = theirs;
        while (!a.IsEmpty || !b.IsEmpty)
        {
            ReadOnlySpan<byte> lineA = NextLine(ref a);
            ReadOnlySpan<byte> lineB = NextLine(ref b);
            lines++;
            if (!lineA.SequenceEqual(lineB))
            {
                mismatched++;
            }
        }

        return (lines, mismatched);
    }

    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> text)
    {
        int newline = text.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line = newline < 0 ? text : text[..newline];
        text = newline < 0 ? [] : text[(newline + 1)..];
        return line;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
