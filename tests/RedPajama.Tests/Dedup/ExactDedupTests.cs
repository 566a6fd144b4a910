using RedPajama.Dedup;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Dedup;

public sealed class ExactDedupTests
{
    [Fact]
    public void Spilled_partitions_mark_the_same_duplicates_as_the_in_memory_pass()
    {
        var random = new Random(7);
        UInt128[] keys = [.. Enumerable.Range(0, 200_000).Select(_ => ExactDuplicates.KeyOf(random.Next(120_000).ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        int[] clusters = ExactDuplicates.Find(keys);
        using var directory = new TemporaryDirectory();

        using (var spilling = new SpillingExactDeduplicator(directory.Path, partitions: 16))
        {
            foreach (UInt128 key in keys)
            {
                spilling.Add(key);
            }

            System.Collections.BitArray duplicates = spilling.FindDuplicates();
            for (int i = 0; i < keys.Length; i++)
            {
                duplicates[i].Should().Be(clusters[i] != i, $"position {i}");
            }
        }

        Directory.GetFileSystemEntries(directory.Path).Should().BeEmpty("the partitions are removed");
    }

    [Fact]
    public void The_first_of_equal_keys_is_kept_and_others_point_to_it()
    {
        UInt128[] keys = [.. new[] { "b", "a", "b", "c", "a", "b" }.Select(ExactDuplicates.KeyOf)];
        ExactDuplicates.Find(keys).Should().Equal(0, 1, 0, 3, 1, 0);
    }
}
