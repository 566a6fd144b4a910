using System.CommandLine;
using System.Diagnostics;
using RedPajama.Configuration;
using RedPajama.Dedup;
using static System.FormattableString;

namespace RedPajama.Cli;

/// <summary>
/// <c>redpajama bench-exact-dedup</c>: exact dedup of many 128-bit keys through disk partitions, with the time and the
/// process's peak memory, to show it spills rather than growing with the key count.
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
        var partitions = new Option<int>("--partitions") { Description = "Disk partitions (1 to 4096; one open file each).", DefaultValueFactory = _ => 64 }.MustBeBetween(1, 4096);
        var temp = new Option<string?>("--temp-dir") { Description = "Where the partitions go." };
        var command = new Command("bench-exact-dedup", "Measure exact dedup of many keys through disk partitions.") { keys, distinct, partitions, temp };
        command.SetAction(parse =>
        {
            try
            {
                return Run(parse.GetValue(keys), parse.GetValue(distinct), parse.GetValue(partitions), parse.GetValue(temp), output);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"redpajama: {exception.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static int Run(long count, double distinctShare, int partitions, string? temporaryDirectory, TextWriter output)
    {
        long unique = Math.Max(1, (long)(count * distinctShare));
        var stopwatch = Stopwatch.StartNew();
        using var deduplicator = new SpillingExactDeduplicator(temporaryDirectory ?? Path.GetTempPath(), partitions);
        for (long i = 0; i < count; i++)
        {
            // Key i * 2654435761 mod unique: every distinct key recurs, in a scattered order.
            deduplicator.Add(new UInt128(0x9E3779B97F4A7C15UL, (ulong)(i * 2654435761L % unique)) * 0xBF58476D1CE4E5B9UL);
        }

        double written = stopwatch.Elapsed.TotalSeconds;
        System.Collections.BitArray duplicates = deduplicator.FindDuplicates();
        double total = stopwatch.Elapsed.TotalSeconds;
        long found = 0;
        for (int i = 0; i < duplicates.Length; i++)
        {
            found += duplicates[i] ? 1 : 0;
        }

        output.WriteLine(Invariant($"{count:N0} keys ({unique:N0} distinct): partitioned in {written:F1} s, deduplicated in {total - written:F1} s ({count / total / 1e6:F2} M keys/s); {found:N0} duplicates (expected {count - unique:N0}); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB"));
        return found == count - unique ? ExitCodes.Success : ExitCodes.Failed;
    }
}
