using System.CommandLine;
using System.Diagnostics;
using System.Text;
using RedPajama.Configuration;
using RedPajama.Engine.Local;
using RedPajama.Steps;
using RedPajama.Reading;
using RedPajama.Udfs.Dedup;
using static System.FormattableString;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama bench-minhash</c>: MinHash signatures per second and core on documents of a given size cut from real
/// text, and the LSH clustering time, so the signature goal (100,000 documents/s/core at 128 permutations on 2 KB)
/// is measured the same way every time.
/// </summary>
public static class MinHashBenchCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Option<string[]>("--input", "-i") { Description = "Text files to cut documents from.", Required = true, AllowMultipleArgumentsPerToken = true };
        var size = new Option<int>("--doc-bytes") { Description = "Document size in characters.", DefaultValueFactory = _ => 2048 }.MustBeAtLeast(1);
        var permutations = new Option<int>("--num-perm") { Description = "Permutations.", DefaultValueFactory = _ => 128 }.MustBeIn(DedupConfig.AtLeastOne);
        var count = new Option<int>("--docs") { Description = "Documents to hash.", DefaultValueFactory = _ => 50_000 }.MustBeAtLeast(1);
        var command = new Command("bench-minhash", "Measure MinHash signatures/s/core and LSH clustering time.") { input, size, permutations, count };
        command.SetAction(parse =>
        {
            if (ReadText(parse.GetValue(input) ?? [], error) is not { } text)
            {
                return ExitCodes.Failed;
            }
            int docBytes = parse.GetValue(size);
            int docs = parse.GetValue(count);
            var documents = new string[docs];
            for (int i = 0; i < docs; i++)
            {
                int start = (int)((long)i * 7919 * docBytes % Math.Max(1, text.Length - docBytes));
                documents[i] = text.Substring(start, Math.Min(docBytes, text.Length));
            }

            // Signatures go into one flat array, as the dedup command keeps them, so no allocation is timed.
            var hasher = new MinHasher(parse.GetValue(permutations));
            int width = hasher.Permutations;
            uint[] flat = new uint[(long)docs * width > Array.MaxLength ? throw new ArgumentException("too many documents") : docs * width];

            // Warm up for a second, so tiered compilation has promoted the hot methods before timing.
            var warmUp = Stopwatch.StartNew();
            for (int i = 0; warmUp.ElapsedMilliseconds < 1000; i = (i + 1) % docs)
            {
                hasher.TrySignature(documents[i], flat.AsSpan(i * width, width));
            }

            var stopwatch = Stopwatch.StartNew();
            for (int i = 0; i < docs; i++)
            {
                hasher.TrySignature(documents[i], flat.AsSpan(i * width, width));
            }

            double single = stopwatch.Elapsed.TotalSeconds;
            stopwatch.Restart();
            Parallel.For(0, docs, i => hasher.TrySignature(documents[i], flat.AsSpan(i * width, width)));
            double parallel = stopwatch.Elapsed.TotalSeconds;
            // The engine's own grouping (GroupingPhase) over the LSH band keys, as a run's near dedup does it.
            var step = new NearDedupStep(hasher, LshParameters.Optimal(0.8, hasher.Permutations));
            GroupingBenchmarkResult grouping = GroupingBenchmark.RunStep(step, documents, 2L << 30, Path.GetTempPath());
            output.WriteLine(Invariant($"{docs} documents of {docBytes} characters, {hasher.Permutations} permutations, 5-word shingles"));
            output.WriteLine(Invariant($"signatures, 1 thread: {docs / single,10:F0} docs/s ({docs * (double)docBytes / single / 1e6:F1} MB/s)"));
            output.WriteLine(Invariant($"signatures, {Environment.ProcessorCount} threads: {docs / parallel,10:F0} docs/s"));
            output.WriteLine(Invariant($"LSH grouping + components (0.8: {step.Bands.Bands} x {step.Bands.Rows}): {grouping.GroupSeconds:F2} s, {grouping.Duplicates} duplicates"));
            return ExitCodes.Success;
        });
        return command;
    }

    // Through the reader run uses (.gz, .zst); a file that fails part way stops the benchmark.
    private static string? ReadText(string[] arguments, TextWriter error)
    {
        if (CliInputs.Resolve(arguments, error) is not { } inputs || inputs.Problems.Count > 0)
        {
            return null;
        }

        var text = new StringBuilder();
        var reader = new InputLineReader(inputs.Files);
        foreach (InputLine line in reader.ReadLines())
        {
            text.Append(line.Decode()).Append('\n');
        }

        return CliInputs.Report(reader.Errors, error) ? null : text.ToString();
    }
}
