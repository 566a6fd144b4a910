using RedPajama.Engine.Local;
using RedPajama.Pipeline;

namespace RedPajama.Tests.Support;

/// <summary>Runs one grouped step over texts through the local engine's grouping phase, for tests of a step's verdicts.</summary>
internal static class StepGroups
{
    /// <summary>Per text, the index of its cluster's earliest text (its own when it is kept or not linked).</summary>
    public static int[] Clusters(GroupedStep step, IReadOnlyList<string> texts, long memoryBytes = 1L << 30) =>
        [.. Run(step, texts, memoryBytes).Clusters!.Select(c => (int)c)];

    public static GroupingBenchmarkResult Run(GroupedStep step, IReadOnlyList<string> texts, long memoryBytes = 1L << 30) =>
        GroupingBenchmark.RunStep(step, texts, memoryBytes, Path.GetTempPath());
}
