using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Writing;

/// <summary>One shard's writer over its partitions: one buffer budget for all of them, files in partition directories.</summary>
public sealed class PartitionedDocumentWriterTests
{
    private static readonly MetaSchema s_schema = new(new MetaField("bucket", MetaType.Text), new MetaField("n", MetaType.Integer));

    [Fact]
    public async Task Rows_buffered_by_all_partitions_together_stay_within_the_budget_and_all_reach_the_files()
    {
        using var directory = new TemporaryDirectory();
        PipelineDescription pipeline = new("test", s_schema, new JsonlRowReader(1 << 20), [], JsonLayout.Flat) { PartitionBy = ["bucket"] };
        const long budget = 4000;
        long mostBuffered = 0;
        await using (var writer = new PartitionedDocumentWriter(OutputFormat.Parquet, directory.Path, "part-00000.parquet", pipeline, pipeline.ResolveOutput(), budget, keepAll: false))
        {
            for (int i = 0; i < 300; i++)
            {
                var document = new Document(new OrderKey(0, i), s_schema.Count) { Text = new string('x', 20) };
                document.Meta[0] = (i % 3) switch { 0 => "head", 1 => "middle", _ => "tail" };
                document.Meta[1] = (long)i;
                await writer.WriteAsync(document);
                mostBuffered = Math.Max(mostBuffered, writer.BufferedBytes);
            }

            await writer.CompleteAsync();
            writer.Parts.Select(p => (p.File, p.Rows)).Should().Equal(("bucket=head/part-00000.parquet", 100L), ("bucket=middle/part-00000.parquet", 100L), ("bucket=tail/part-00000.parquet", 100L));
        }

        // Each write adds ~104 bytes; the sum is brought back under the budget after every write.
        mostBuffered.Should().BeLessThanOrEqualTo(budget);
        string glob = Path.Combine(directory.Path, "**", "*.parquet").Replace("'", "''", StringComparison.Ordinal);
        DuckDb.Query($"SELECT count(DISTINCT (file_name, row_group_id)) FROM parquet_metadata('{glob}')").Single()[0].Should().Match(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) > 3, "the budget forced row groups out early");
        DuckDb.Query($"SELECT count(*), sum(n)::BIGINT, count(DISTINCT bucket) FROM read_parquet('{glob}', hive_partitioning = true)").Single().Should().Equal(300L, 44850L, 3L);
    }

    [Fact]
    public async Task Without_partition_fields_one_part_file_is_written_even_when_empty_as_before()
    {
        using var directory = new TemporaryDirectory();
        PipelineDescription pipeline = new("test", s_schema, new JsonlRowReader(1 << 20), [], JsonLayout.TextThenMeta);
        await using (var writer = new PartitionedDocumentWriter(OutputFormat.Jsonl, directory.Path, "part-00004.jsonl", pipeline, pipeline.ResolveOutput(), 1 << 20, keepAll: false))
        {
            await writer.CompleteAsync();
            writer.Parts.Should().Equal(new RedPajama.Engine.PartStatistics("part-00004.jsonl", 0));
        }

        File.ReadAllBytes(directory.Combine("part-00004.jsonl")).Should().BeEmpty();
    }
}
