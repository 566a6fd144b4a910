using System.Diagnostics;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Steps;

namespace RedPajama.Engine.Local;

/// <summary>
/// Measures the local engine's own grouping code (<see cref="GroupingPhase"/> with <see cref="ExactDedupStep"/>) on
/// synthetic 128-bit keys: one entry file written as a pass writes it, then the phase partitions it on disk when it
/// exceeds the memory budget, sorts each partition and drops every record whose key came earlier.
/// <c>redpajama bench-exact-dedup</c> and the benchmark project's <c>shuffle-designs</c> run it.
/// </summary>
public static class GroupingBenchmark
{
    /// <summary>Key of record <paramref name="record"/>: record · 2654435761 mod <paramref name="distinct"/>, mixed, so every distinct key recurs in a scattered order.</summary>
    /// <param name="record">The record number.</param>
    /// <param name="distinct">The number of distinct keys.</param>
    /// <returns>The key.</returns>
    public static UInt128 Key(long record, long distinct) =>
        new UInt128(0x9E3779B97F4A7C15UL, (ulong)(record * 2654435761L % distinct)) * 0xBF58476D1CE4E5B9UL;

    /// <summary>Groups <paramref name="keys"/> keys of which <paramref name="distinct"/> are distinct.</summary>
    /// <param name="keys">Records, one key each.</param>
    /// <param name="distinct">Distinct keys (at least 1).</param>
    /// <param name="memoryBytes">The grouping phase's memory budget.</param>
    /// <param name="temporaryDirectory">Where the entry and partition files go (a subfolder, removed afterwards).</param>
    /// <returns>The timings and the duplicates found (<paramref name="keys"/> − <paramref name="distinct"/> when correct).</returns>
    public static GroupingBenchmarkResult Run(long keys, long distinct, long memoryBytes, string temporaryDirectory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(distinct, 1);
        return Group(new ExactDedupStep(), keys, memoryBytes, temporaryDirectory, withClusters: false, writer =>
        {
            for (long i = 0; i < keys; i++)
            {
                writer.Write(Key(i, distinct), new OrderKey(0, i), 0, []);
            }
        });
    }

    /// <summary>
    /// Runs one grouped step over in-memory texts (one input, record i = text i): their entries as a pass emits
    /// them (<see cref="GroupedStep.EmitKeys"/>), then the grouping phase. For measuring a step's grouping and for
    /// checking a step's verdicts without writing documents.
    /// </summary>
    /// <param name="step">The step.</param>
    /// <param name="texts">The documents' texts.</param>
    /// <param name="memoryBytes">The grouping phase's memory budget.</param>
    /// <param name="temporaryDirectory">Where the entry and partition files go (a subfolder, removed afterwards).</param>
    /// <returns>The timings (writing includes emitting the keys), the drops and, per text, its cluster.</returns>
    public static GroupingBenchmarkResult RunStep(GroupedStep step, IReadOnlyList<string> texts, long memoryBytes, string temporaryDirectory)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(texts);
        return Group(step, texts.Count, memoryBytes, temporaryDirectory, withClusters: true, writer =>
        {
            var keys = new GroupKeys();
            for (int i = 0; i < texts.Count; i++)
            {
                keys.Clear();
                step.EmitKeys(new Document(new OrderKey(0, i), 0) { Text = texts[i] }, keys);
                for (int e = 0; e < keys.Count; e++)
                {
                    writer.Write(keys.Key(e), new OrderKey(0, i), e, keys.Payload(e));
                }
            }
        });
    }

    private static GroupingBenchmarkResult Group(GroupedStep step, long records, long memoryBytes, string temporaryDirectory, bool withClusters, Action<GroupEntryWriter> writeEntries)
    {
        string directory = Directory.CreateDirectory(Path.Combine(temporaryDirectory, "rp-bench-grouping-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var stopwatch = Stopwatch.StartNew();
            string entries = Path.Combine(directory, "entries-0-000000.bin");
            using (var writer = new GroupEntryWriter(entries, 1 << 16))
            {
                writeEntries(writer);
            }

            double written = stopwatch.Elapsed.TotalSeconds;
            GroupingResult result = new GroupingPhase(directory, memoryBytes).Run(step, 0, [entries], [records], []);
            double grouped = stopwatch.Elapsed.TotalSeconds - written;
            long[]? clusters = null;
            if (withClusters)
            {
                clusters = new long[records];
                for (long i = 0; i < records; i++)
                {
                    clusters[i] = result.Components?.ClusterOf(0, i) ?? i;
                }
            }

            return new GroupingBenchmarkResult(written, grouped, result.Dropped.Count(), Process.GetCurrentProcess().PeakWorkingSet64, clusters);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
