namespace RedPajama.Engine.Local;

/// <summary>What <see cref="GroupingBenchmark.Run"/> measured.</summary>
/// <param name="WriteSeconds">Time to write the entry file, as a pass would.</param>
/// <param name="GroupSeconds">Time the grouping phase took (partitioning, sorting, deciding).</param>
/// <param name="Duplicates">Records the exact-dedup step dropped.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set afterwards.</param>
/// <param name="Clusters">
/// Per record, the number of its component's earliest record when the step links documents, else its own number;
/// null for the synthetic keys.
/// </param>
public sealed record GroupingBenchmarkResult(double WriteSeconds, double GroupSeconds, long Duplicates, long PeakWorkingSetBytes, IReadOnlyList<long>? Clusters = null);
