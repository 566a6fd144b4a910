using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RedPajama.Quality;
using RedPajama.Reading;
using RedPajama.Tokenization;
using RedPajama.Udfs.Quality;
using static System.FormattableString;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama bench-signals</c>: MB/s per core of the full quality-signal set and of each family on JSON-lines
/// documents, the full set again on every core, and, given a reference command (upstream's Python), its figures from
/// the same run.
/// </summary>
public static class SignalsBenchCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Option<string[]>("--input", "-i") { Description = "JSON-lines files ({\"text\": …}, optionally .gz).", Required = true, AllowMultipleArgumentsPerToken = true };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs of each measurement; the best counts.", DefaultValueFactory = _ => 3 }.MustBeAtLeast(1);
        var reference = new Option<string?>("--reference") { Description = "A command run with the input files appended, printing '<name> <MB/s> …' lines (e.g. upstream's Python)." };
        var only = new Option<string?>("--only") { Description = "Measure one row only: full, rpv2, gopher, c4 or code (for profiling)." };
        var command = new Command("bench-signals", "Measure quality-signal throughput per family and per core.") { input, repeat, reference, only };
        command.SetAction(parse =>
        {
            try
            {
                return Run(parse.GetValue(input) ?? [], parse.GetValue(repeat), parse.GetValue(reference), parse.GetValue(only), output, error);
            }
            catch (Exception exception) when (exception is IOException or JsonException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static int Run(string[] files, int repeat, string? reference, string? only, TextWriter output, TextWriter error)
    {
        List<(string Text, string Language)> documents = Load(files, error, out bool inputErrors);
        if (documents.Count == 0)
        {
            error.WriteLine("redpajama: no documents to measure");
            return ExitCodes.Failed;
        }

        double megabytes = documents.Sum(d => (long)Encoding.UTF8.GetByteCount(d.Text)) / 1e6;
        output.WriteLine(Invariant($"{documents.Count} documents, {megabytes:F1} MB (UTF-8); {Environment.ProcessorCount} cores"));
        var lists = new QualityWordLists(BundledModels.BadWordsDirectory);
        (string Key, string Name, SignalFamily Families)[] cases =
        [
            ("full", "full set", SignalFamily.All),
            ("rpv2", "rpv2 (rps_*)", SignalFamily.RedPajamaV2),
            ("gopher", "gopher", SignalFamily.Gopher),
            ("c4", "c4", SignalFamily.C4),
            ("code", "rp1 code stats", SignalFamily.RedPajama1Code),
        ];
        output.WriteLine("signals (1 thread)        MB/s     docs/s  alloc MB/MB");
        foreach ((string key, string name, SignalFamily families) in cases)
        {
            if (only is not null && only != key)
            {
                continue;
            }

            var computer = new QualitySignalComputer(lists, new QualitySignalOptions(families));
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            double seconds = Best(repeat, () => { foreach ((string text, string language) in documents) { computer.Compute(text, language); } });
            double allocatedPerRun = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (repeat + 1.0);
            output.WriteLine(Invariant($"{name,-22} {megabytes / seconds,8:F1} {documents.Count / seconds,10:F0} {allocatedPerRun / 1e6 / megabytes,12:F2}"));
        }

        if (only is not null)
        {
            return inputErrors ? ExitCodes.InputErrors : ExitCodes.Success;
        }

        int threads = Environment.ProcessorCount;
        var all = new QualitySignalComputer(lists);
        double parallelSeconds = Best(repeat, () => Parallel.ForEach(documents, new ParallelOptions { MaxDegreeOfParallelism = threads }, d => all.Compute(d.Text, d.Language)));
        output.WriteLine(Invariant($"full set ({threads} threads) {megabytes / parallelSeconds,8:F1} {documents.Count / parallelSeconds,10:F0}  ({megabytes / parallelSeconds / threads:F1} MB/s per core)"));
        if (reference is not null)
        {
            RunReference(reference, files, output);
        }

        return inputErrors ? ExitCodes.InputErrors : ExitCodes.Success;
    }

    private static double Best(int repeat, Action action)
    {
        action();
        double best = double.MaxValue;
        for (int run = 0; run < repeat; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
        }

        return best;
    }

    // Through the reader run uses: a truncated .gz is an error, not a shorter benchmark.
    private static List<(string, string)> Load(string[] files, TextWriter error, out bool inputErrors)
    {
        var documents = new List<(string, string)>();
        inputErrors = false;
        if (CliInputs.Resolve(files, error) is not { } inputs)
        {
            inputErrors = true;
            return documents;
        }

        var reader = new InputLineReader(inputs.Files);
        foreach (InputLine line in reader.ReadLines())
        {
            if (line.IsBlank || line.TooLong)
            {
                continue;
            }

            try
            {
                var parser = new Utf8JsonReader(line.Bytes.Span);
                string? text = null;
                string language = "en";
                parser.Read();
                while (parser.Read() && parser.TokenType == JsonTokenType.PropertyName)
                {
                    string name = parser.GetString()!;
                    parser.Read();
                    if (name == "text" && parser.TokenType == JsonTokenType.String)
                    {
                        text = JsonStrings.Read(ref parser);
                    }
                    else if (name == "language" && parser.TokenType == JsonTokenType.String)
                    {
                        language = parser.GetString()!;
                    }

                    parser.Skip();
                }

                if (text is not null)
                {
                    documents.Add((text, language));
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                error.WriteLine($"redpajama: {line.File.Path}:{line.Number}: skipped: not a JSON object with a string 'text'");
            }
        }

        inputErrors = CliInputs.Report(reader.Errors, error) || inputs.Problems.Count > 0;
        return documents;
    }

    private static void RunReference(string command, string[] files, TextWriter output)
    {
        string[] parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string text = System.Text.Encoding.UTF8.GetString(ReferenceTool.Run(parts[0], [.. parts.Skip(1), .. files]));
        output.WriteLine("reference (1 thread)      MB/s     docs/s");
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            output.WriteLine(fields.Length >= 3 ? $"{fields[0],-22} {fields[1],8} {fields[2],10}" : line);
        }
    }
}
