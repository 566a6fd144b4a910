using System.CommandLine;
using RedPajama.Configuration;
using RedPajama.Engine.Local;
using static System.FormattableString;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama bench-exact-dedup</c>: exact dedup of many 128-bit keys through the local engine's grouping phase
/// (<see cref="GroupingBenchmark"/>), with the time and the process's peak memory, to show it partitions on disk
/// rather than growing with the key count.
/// </summary>
public static class ExactDedupBenchCommand
{
    /// <summary>Builds the command.</summary>
    /// <param name="output">Where the result goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var keys = new Option<long>("--keys") { Description = "Number of keys.", DefaultValueFactory = _ => 10_000_000 }.MustBeAtLeast(1);
        var distinct = new Option<double>("--distinct") { Description = "Share of distinct keys.", DefaultValueFactory = _ => 0.8 }.MustBeIn(NumberRange.Above(0, 1));
        var memory = new Option<int>("--memory-mb") { Description = "The grouping phase's memory budget; beyond it the keys are partitioned on disk.", DefaultValueFactory = _ => 256 }.MustBeAtLeast(1);
        var temp = new Option<string?>("--temp-dir") { Description = "Where the entry and partition files go." };
        var command = new Command("bench-exact-dedup", "Measure the local engine's exact dedup of many keys (grouping phase, disk partitions).") { keys, distinct, memory, temp };
        command.SetAction(parse =>
        {
            try
            {
                return Run(parse.GetValue(keys), parse.GetValue(distinct), parse.GetValue(memory), parse.GetValue(temp), output);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static int Run(long count, double distinctShare, int memoryMb, string? temporaryDirectory, TextWriter output)
    {
        long unique = Math.Max(1, (long)(count * distinctShare));
        GroupingBenchmarkResult result = GroupingBenchmark.Run(count, unique, (long)memoryMb << 20, temporaryDirectory ?? Path.GetTempPath());
        double total = result.WriteSeconds + result.GroupSeconds;
        output.WriteLine(Invariant($"{count:N0} keys ({unique:N0} distinct): entries written in {result.WriteSeconds:F1} s, grouped in {result.GroupSeconds:F1} s ({count / total / 1e6:F2} M keys/s); {result.Duplicates:N0} duplicates (expected {count - unique:N0}); peak working set {result.PeakWorkingSetBytes / 1e6:F0} MB"));
        return result.Duplicates == count - unique ? ExitCodes.Success : ExitCodes.Failed;
    }
}
