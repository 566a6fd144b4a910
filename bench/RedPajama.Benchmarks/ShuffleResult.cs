using static System.FormattableString;

namespace RedPajama.Benchmarks;

/// <summary>One design's time split, answer and peak memory.</summary>
/// <param name="LoadSeconds">Writing the keys in (spill files, or DuckDB's appender).</param>
/// <param name="DedupSeconds">Finding the duplicates and marking their positions.</param>
/// <param name="Duplicates">Positions marked as duplicates.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set.</param>
internal sealed record ShuffleResult(double LoadSeconds, double DedupSeconds, long Duplicates, long PeakWorkingSetBytes)
{
    public string Describe(string design, long keys) => Invariant(
        $"{design,-12} load {LoadSeconds,6:F1} s  dedup {DedupSeconds,6:F1} s  total {LoadSeconds + DedupSeconds,6:F1} s  ({keys / (LoadSeconds + DedupSeconds) / 1e6:F2} M keys/s)  duplicates {Duplicates:N0}  peak working set {PeakWorkingSetBytes / 1e6:F0} MB");
}
