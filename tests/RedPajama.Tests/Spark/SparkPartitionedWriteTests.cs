using RedPajama.Configuration;
using RedPajama.Engine.Local;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Documents;
using RedPajama.Spark;
using RedPajama.Spark.Plan;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Spark;

/// <summary>The Spark job's partitioned and projected write, inspected without a JVM, against the local engine's files.</summary>
public sealed class SparkPartitionedWriteTests
{
    private const string Yaml = "tokenizer:\n  token_count: false\nquality:\n  signals: false\ndocuments:\n  meta: [url:text, language:text, bucket:text]\noutput:\n  partition_by: [language, bucket]\n";

    private static readonly InputFile[] s_files = [new(0, "hdfs://in/a.jsonl", 10)];

    [Fact]
    public void The_write_uses_partitionBy_with_the_partition_fields_which_lead_the_sort_and_stay_out_of_the_file_columns()
    {
        PipelineDescription pipeline = SourceCatalog.Describe(DocumentsSource.SourceName, RunConfigLoader.Parse(Yaml));

        WriteStage write = SparkJobPlan.Describe(pipeline, keepAll: false, s_files).Stages.OfType<WriteStage>().Single();

        write.HivePartitionBy.Should().Equal("language", "bucket");
        write.SortWithinPartitionsBy.Should().Equal("language", "bucket", SegmentRows.InputColumn, SegmentRows.RecordColumn);
        write.PartitionBy.Should().Equal([SegmentRows.InputColumn, SegmentRows.RecordColumn], "rows are still hash-partitioned on the order key");
        write.Columns.Should().Equal("text", "meta");
    }

    [Fact]
    public void Without_partition_fields_the_write_is_as_before()
    {
        PipelineDescription pipeline = SourceCatalog.Describe(DocumentsSource.SourceName, RunConfigLoader.Parse(Yaml.Replace("[language, bucket]", "[]", StringComparison.Ordinal)));

        WriteStage write = SparkJobPlan.Describe(pipeline, keepAll: false, s_files).Stages.OfType<WriteStage>().Single();

        write.HivePartitionBy.Should().BeEmpty();
        write.SortWithinPartitionsBy.Should().Equal(SegmentRows.InputColumn, SegmentRows.RecordColumn);
    }

    [Theory]
    [InlineData(JsonLayout.TextThenMeta)]
    [InlineData(JsonLayout.Flat)]
    public async Task File_columns_and_partition_columns_are_the_local_engine_ones(JsonLayout layout)
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("rows.jsonl");
        File.WriteAllLines(input, ["{\"text\": \"one\", \"url\": \"u1\", \"language\": \"en\", \"bucket\": \"head\"}", "{\"text\": \"two\", \"url\": \"u2\", \"language\": \"de\", \"bucket\": \"tail\"}"]);
        PipelineDescription pipeline = SourceCatalog.Describe(DocumentsSource.SourceName, RunConfigLoader.Parse(Yaml)) with { JsonLayout = layout };
        string output = directory.Combine("out");
        await new LocalEngine(new LocalEngineOptions { Threads = 1 }).RunAsync(pipeline, InputResolver.Resolve([input]).Files, output);
        string file = Path.Combine(output, "language=en", "bucket=head", "part-00000.parquet").Replace("'", "''", StringComparison.Ordinal);
        string[] inFile = [.. DuckDb.Query($"SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('{file}', hive_partitioning = false))").Select(r => (string)r[0]!)];
        string[] read = [.. DuckDb.Query($"SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('{file}', hive_partitioning = true))").Select(r => (string)r[0]!)];

        WriteStage write = SparkJobPlan.Describe(pipeline, keepAll: false, s_files).Stages.OfType<WriteStage>().Single();

        write.Columns.Should().Equal(inFile);
        write.Columns.Should().Equal(layout == JsonLayout.Flat ? ["text", "url"] : ["text", "meta"]);
        read.Take(write.Columns.Count).Should().Equal(write.Columns);
        read.Skip(write.Columns.Count).Should().BeEquivalentTo(write.HivePartitionBy, "readers append the partition columns from the path (DuckDB in name order, Spark in path order)");
    }

    [Fact]
    public void The_configuration_shipped_to_the_workers_keeps_the_partitioning()
    {
        RunConfig config = RunConfigLoader.Parse(RunConfigLoader.ToYaml(RunConfigLoader.Parse(Yaml)));

        config.Output.PartitionBy.Should().Equal("language", "bucket");
        RunConfigLoader.Parse(RunConfigLoader.ToYaml(new RunConfig())).Output.PartitionBy.Should().BeNull("absent means the source's default");
        RunConfigLoader.Parse(RunConfigLoader.ToYaml(RunConfigLoader.Parse("output:\n  partition_by: []\n"))).Output.PartitionBy.Should().BeEmpty("[] means none");
    }

    [Fact]
    public void The_read_udf_restores_partition_columns_from_a_spark_path()
    {
        string yaml = RunConfigLoader.ToYaml(RunConfigLoader.Parse(Yaml));
        var udf = new DocumentUdf(DocumentsSource.SourceName, yaml);
        byte[] content = System.Text.Encoding.UTF8.GetBytes("{\"text\": \"one\", \"meta\": {\"url\": \"u1\"}}\n");

        string[] rows = udf.FileRows(0, "file:/data/out/language=a%2Fb/bucket=__HIVE_DEFAULT_PARTITION__/part-00000.jsonl", content);

        System.Text.Json.JsonElement row = System.Text.Json.JsonDocument.Parse(rows.Single()).RootElement;
        row.GetProperty("language").GetString().Should().Be("a/b");
        (row.TryGetProperty("bucket", out System.Text.Json.JsonElement bucket) ? bucket.ValueKind : System.Text.Json.JsonValueKind.Null).Should().Be(System.Text.Json.JsonValueKind.Null, "the default partition is null");
        row.GetProperty("url").GetString().Should().Be("u1");
    }
}
