using RedPajama.Steps;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Dedup;

/// <summary><see cref="ExactDedupStep"/> through the engine's grouping phase, in memory and over disk partitions.</summary>
public sealed class ExactDedupTests
{
    [Fact]
    public void Spilled_partitions_find_the_same_duplicates_as_one_pass_in_memory()
    {
        var random = new Random(7);
        string[] texts = [.. Enumerable.Range(0, 50_000).Select(_ => random.Next(30_000).ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] expected = [.. texts.Select((t, i) => first.TryAdd(t, i) ? i : first[t])];

        // 50,000 entries of 36 bytes need about 2.4 MB in memory: 64 KB makes the phase partition them on disk.
        StepGroups.Clusters(new ExactDedupStep(linkDuplicates: true), texts).Should().Equal(expected);
        StepGroups.Clusters(new ExactDedupStep(linkDuplicates: true), texts, memoryBytes: 64 << 10).Should().Equal(expected);
        StepGroups.Run(new ExactDedupStep(), texts, memoryBytes: 64 << 10).Duplicates.Should().Be(texts.Length - first.Count);
    }

    [Fact]
    public void The_first_of_equal_keys_is_kept_and_others_point_to_it()
    {
        StepGroups.Clusters(new ExactDedupStep(linkDuplicates: true), ["b", "a", "b", "c", "a", "b"]).Should().Equal(0, 1, 0, 3, 1, 0);
        StepGroups.Run(new ExactDedupStep(), ["b", "a", "b", "c", "a", "b"]).Duplicates.Should().Be(3);
    }

    [Fact]
    public void The_grouping_benchmark_finds_every_duplicate_of_its_synthetic_keys_over_partitions()
    {
        RedPajama.Engine.Local.GroupingBenchmark.Run(100_000, 80_000, 256 << 10, Path.GetTempPath()).Duplicates.Should().Be(20_000);
    }
}
