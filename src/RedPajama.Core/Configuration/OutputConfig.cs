namespace RedPajama.Configuration;

/// <summary>
/// The <c>output:</c> section of a run configuration: how part files are laid out in the output directory.
/// <code>
/// output:
///   partition_by: [language, bucket]   # Hive directories language=en/bucket=head/; absent: the source's default; [] none
///   max_partitions: 64                 # local engine: the most partitions one shard may write
/// </code>
/// </summary>
public sealed class OutputConfig
{
    /// <summary>The largest <see cref="MaxPartitions"/> accepted.</summary>
    public const int MaxPartitionsLimit = 4096;

    /// <summary>
    /// Meta fields to partition the output by, outermost first; null keeps the source's default
    /// (<see cref="Pipeline.PipelineDescription.PartitionBy"/>), an empty list turns partitioning off.
    /// </summary>
    public List<string>? PartitionBy { get; set; }

    /// <summary>Local engine: the most partitions one shard may write, each an open part file (see <see cref="Writing.PartitionedDocumentWriter"/>).</summary>
    public int MaxPartitions { get; set; } = Writing.PartitionedDocumentWriter.DefaultMaxPartitions;

    /// <summary>The problems of this section.</summary>
    /// <returns>The messages; empty when every setting is valid.</returns>
    public IEnumerable<string> Problems()
    {
        if (NumberRange.Between(1, MaxPartitionsLimit).Check("output.max_partitions", MaxPartitions) is { } range)
        {
            yield return range;
        }

        foreach (string field in PartitionBy ?? [])
        {
            if (string.IsNullOrWhiteSpace(field))
            {
                yield return "output.partition_by has an empty field name";
            }
            else if (PartitionBy!.Count(f => f == field) > 1)
            {
                yield return $"output.partition_by lists '{field}' twice";
                yield break;
            }
        }
    }
}
