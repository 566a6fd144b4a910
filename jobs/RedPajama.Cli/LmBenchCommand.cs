using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using RedPajama.Udfs.LanguageModel;
using static System.FormattableString;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama bench-lm</c>: tokens/s of this project's n-gram scoring and of KenLM's <c>query</c> on the same model
/// file (a KenLM binary, this project's binary form or ARPA) and the same text, one thread each, and whether the
/// per-line totals are identical. Times are processor time (user and system), so other work on the machine does not
/// count; query's is its run on the text minus its run on an empty input (process start and model load), so both
/// columns are scoring only.
/// </summary>
public static class LmBenchCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--lm") { Description = "The model: a KenLM binary (probing or trie), this project's binary form, or ARPA.", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "Text to score, one sentence per line.", Required = true };
        var reference = new Option<string?>("--reference") { Description = "KenLM's query executable (default: query on PATH; none found, only this project is measured)." };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs of each; the best counts.", DefaultValueFactory = _ => 3 }.MustBeAtLeast(1);
        var command = new Command("bench-lm", "Compare n-gram scoring throughput (tokens/s) and totals with KenLM's query.") { model, input, reference, repeat };
        command.SetAction(parse =>
        {
            try
            {
                return Run(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(reference) ?? FindOnPath("query"), parse.GetValue(repeat), output);
            }
            catch (Exception exception) when (exception is ArpaFormatException or IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static int Run(string modelPath, string inputPath, string? query, int repeat, TextWriter output)
    {
        var stopwatch = Stopwatch.StartNew();
        using NGramLanguageModel model = NGramLanguageModel.Load(modelPath);
        double loadSeconds = stopwatch.Elapsed.TotalSeconds;
        byte[] bytes = File.ReadAllBytes(inputPath);

        // Lines as KenLM reads them: split at LF, the text after the last LF dropped.
        var utf8 = new List<ReadOnlyMemory<byte>>();
        for (int start = 0, end; (end = Array.IndexOf(bytes, (byte)'\n', start)) >= 0; start = end + 1)
        {
            utf8.Add(bytes.AsMemory(start, end - start));
        }

        string[] lines = [.. utf8.Select(l => Encoding.UTF8.GetString(l.Span))];
        float[] totals = new float[lines.Length];
        long tokens = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            SentenceScore score = model.ScoreSentence(lines[i]);
            totals[i] = score.LogProbability;
            tokens += score.Words + 1;
        }

        output.WriteLine(Invariant($"{lines.Length} lines, {tokens} tokens (words and </s>), {bytes.Length / 1e6:F1} MB; model {Path.GetFileName(modelPath)} ({model.Format}, order {model.Order}, {model.VocabularySize} words, loaded in {loadSeconds:F2} s)"));
        void ScoreStrings()
        {
            foreach (string line in lines)
            {
                model.ScoreSentence(line);
            }
        }

        void ScoreBytes()
        {
            foreach (ReadOnlyMemory<byte> line in utf8)
            {
                model.ScoreSentenceUtf8(line.Span);
            }
        }

        bool? identical = null;
        if (query is not null)
        {
            string printed = Encoding.UTF8.GetString(ReferenceTool.Run(query, ["-v", "sentence", modelPath], standardInput: inputPath));
            float[] theirs = [.. printed.Split('\n').Where(l => l.StartsWith("Total: ", StringComparison.Ordinal)).Select(l => float.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture))];
            identical = theirs.AsSpan().SequenceEqual(totals);
        }

        // The runs alternate, so that a busy machine slows both sides alike.
        double bestStrings = double.MaxValue, bestBytes = double.MaxValue, bestQuery = double.MaxValue;
        string empty = Path.GetTempFileName();
        try
        {
            for (int run = 0; run < repeat; run++)
            {
                bestBytes = Math.Min(bestBytes, Time(ScoreBytes));
                bestStrings = Math.Min(bestStrings, Time(ScoreStrings));
                if (query is not null)
                {
                    ReferenceTool.Run(query, ["-v", "summary", modelPath], false, empty, out string startAndLoad);
                    ReferenceTool.Run(query, ["-v", "summary", modelPath], false, inputPath, out string whole);
                    bestQuery = Math.Min(bestQuery, Math.Max(ProcessorSeconds(whole) - ProcessorSeconds(startAndLoad), 1e-6));
                }
            }
        }
        finally
        {
            File.Delete(empty);
        }

        output.WriteLine("scorer (1 thread)                 tokens/s   cpu seconds");
        if (query is not null)
        {
            output.WriteLine(Invariant($"KenLM query                   {tokens / bestQuery,12:F0}  {bestQuery,10:F3}   (its processor time on the text minus on no text)"));
        }

        output.WriteLine(Invariant($"redpajama, UTF-8 lines        {tokens / bestBytes,12:F0}  {bestBytes,10:F3}"));
        output.WriteLine(Invariant($"redpajama, string lines       {tokens / bestStrings,12:F0}  {bestStrings,10:F3}   (as the perplexity step scores)"));
        output.WriteLine(identical switch
        {
            null => "query not found: pass --reference to compare with KenLM",
            true => "per-line totals identical to query's",
            false => "per-line totals DIFFER from query's",
        });
        return identical == false ? ExitCodes.Failed : ExitCodes.Success;
    }

    // Processor time, not wall time: on a shared machine it counts only this work, as query's side does.
    private static double Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }

    /// <summary>The processor time query reports on standard error at exit (KenLM's <c>util::PrintUsage</c>: <c>CPU:seconds</c>).</summary>
    private static double ProcessorSeconds(string standardError)
    {
        int at = standardError.LastIndexOf("\tCPU:", StringComparison.Ordinal);
        int end = at < 0 ? -1 : standardError.IndexOf('\t', at + 5);
        return at >= 0 && end > at && double.TryParse(standardError.AsSpan(at + 5, end - at - 5), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            ? seconds
            : throw new InvalidOperationException("query did not report its processor time (CPU:) on standard error");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
