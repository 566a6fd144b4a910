using System.Diagnostics;
using System.Globalization;
using System.Text;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama bench-tokenizer --tokenizer-json</c>: the same files through <see cref="ByteLevelBpeTokenizer"/> and
/// through the HuggingFace <c>tokenizers</c> library (a node script, tests/RedPajama.Tests/fixtures/neox/encode.mjs),
/// every LF-separated line encoded alone: how many lines and ids differ, then MB/s of encoding alone (model loaded,
/// files in memory), one thread each, wall and CPU time.
/// </summary>
internal static class ByteLevelTokenizerBench
{
    public static int Run(string modelPath, string[] files, string nodeScript, int repeat, TextWriter output)
    {
        long bytes = files.Sum(f => new FileInfo(f).Length);
        double megabytes = bytes / 1e6;
        var tokenizer = ByteLevelBpeTokenizer.Load(modelPath);
        List<string[]> inputs = [.. files.Select(f => Lines(File.ReadAllBytes(f)))];
        output.WriteLine(Invariant($"{files.Length} files, {megabytes:F1} MB, {inputs.Sum(l => l.Length)} lines; model {Path.GetFileName(modelPath)} ({tokenizer.VocabularySize} ids); one thread each"));

        byte[] theirs = ReferenceTool.Run("node", [nodeScript, "--model", modelPath, .. files], captureOutput: true);
        string[] expected = Lines(theirs);
        var ids = new List<int>();
        int line = 0;
        int mismatched = 0;
        long idCount = 0;
        long differentIds = 0;
        foreach (string text in inputs.SelectMany(l => l))
        {
            ids.Clear();
            tokenizer.Encode(text.AsSpan(), ids);
            int[] reference = line < expected.Length && expected[line].Length > 0 ? [.. expected[line].Split(' ').Select(int.Parse)] : [];
            idCount += reference.Length;
            if (!ids.SequenceEqual(reference))
            {
                mismatched++;
                int same = ids.Zip(reference).TakeWhile(p => p.First == p.Second).Count();
                differentIds += Math.Max(ids.Count, reference.Length) - same;
            }

            line++;
        }

        output.WriteLine(Invariant($"lines: {line} (reference {expected.Length}), mismatched: {mismatched}; ids: {idCount}, from the first difference on: {differentIds}"));

        var ours = new List<(double Wall, double Cpu)>();
        var reference2 = new List<(double Wall, double Cpu)>();
        for (int run = 0; run < repeat; run++)
        {
            // A fresh tokenizer each run: its word cache starts empty, as in a new process.
            var fresh = ByteLevelBpeTokenizer.Load(modelPath);
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            long total = 0;
            foreach (string text in inputs.SelectMany(l => l))
            {
                total += fresh.CountTokens(text);
            }

            ours.Add((stopwatch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
            ReferenceTool.Run("node", [nodeScript, "--time", "--model", modelPath, .. files], false, null, out string timing);
            string[] fields = timing.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            reference2.Add((double.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[3], CultureInfo.InvariantCulture)));
        }

        output.WriteLine("encoder                         wall MB/s (first, best)   CPU MB/s (first, best)");
        Row(output, "tokenizers (npm, Rust)", megabytes, reference2);
        Row(output, "redpajama ByteLevelBpe", megabytes, ours);
        output.WriteLine(Invariant($"ratio (best/best): wall {reference2.Min(r => r.Wall) / ours.Min(r => r.Wall):F2}x, CPU {reference2.Min(r => r.Cpu) / ours.Min(r => r.Cpu):F2}x"));
        return mismatched == 0 && line == expected.Length ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void Row(TextWriter output, string name, double megabytes, List<(double Wall, double Cpu)> times) =>
        output.WriteLine(Invariant($"{name,-30} {megabytes / times[0].Wall,10:F2} {megabytes / times.Min(t => t.Wall),10:F2}   {megabytes / times[0].Cpu,10:F2} {megabytes / times.Min(t => t.Cpu),10:F2}"));

    /// <summary>Lines split on LF only, decoded as UTF-8 with U+FFFD for invalid bytes (as encode.mjs reads them).</summary>
    private static string[] Lines(byte[] bytes) => Udfs.Text.Utf8Lines.SplitOnLineFeed(bytes);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
