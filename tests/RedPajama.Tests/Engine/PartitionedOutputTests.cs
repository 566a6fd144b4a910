using System.Text.Json;
using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Documents;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Engine;

/// <summary>Hive-partitioned output on the local engine: Spark's directory names, partition columns only in the path.</summary>
public sealed class PartitionedOutputTests
{
    // Values that need escaping, a non-ASCII one, a space, and the two that become the default partition.
    private static readonly string?[] s_languages = ["en", "de", "a/b=c%d", "x y", "日本", null, ""];
    private static readonly string[] s_buckets = ["head", "tail"];

    private static readonly string[] s_languageDirectories =
        ["language=__HIVE_DEFAULT_PARTITION__", "language=a%2Fb%3Dc%25d", "language=de", "language=en", "language=x y", "language=日本"];

    [Theory]
    [InlineData(OutputFormat.Jsonl)]
    [InlineData(OutputFormat.Parquet)]
    public void Parts_go_to_spark_named_partition_directories_without_the_partition_columns_and_counts_add_up(OutputFormat format)
    {
        using var directory = new TemporaryDirectory();
        string[] inputs = WriteInputs(directory);
        string output = directory.Combine("out");

        RunStatistics statistics = Run(inputs, output, format, threads: 2);

        Directory.EnumerateDirectories(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(s_languageDirectories);
        Directory.EnumerateDirectories(Path.Combine(output, "language=en")).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("bucket=head", "bucket=tail");
        string extension = OutputFormats.Extension(format);
        string[] files = [.. Directory.EnumerateFiles(output, "*" + extension, SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order(StringComparer.Ordinal)];
        files.Should().Equal(statistics.Parts.Select(p => p.File).Order(StringComparer.Ordinal));
        files.Should().Contain([$"language=en/bucket=head/part-00000{extension}", $"language=en/bucket=head/part-00002{extension}"], "each shard writes its own part in a partition");
        statistics.Parts.Sum(p => p.Rows).Should().Be(statistics.Written).And.Be(42);
        statistics.IsBalanced.Should().BeTrue();
        File.Exists(Path.Combine(output, LocalEngine.SuccessFileName)).Should().BeTrue();
        Directory.Exists(Path.Combine(output, "_temporary")).Should().BeFalse();

        // Inside the files only the other meta fields: url.
        string first = Path.Combine(output, files[0]);
        if (format == OutputFormat.Jsonl)
        {
            string[] lines = [.. files.SelectMany(f => File.ReadAllLines(Path.Combine(output, f)))];
            lines.Should().HaveCount(42).And.OnlyContain(l => l.Contains("\"meta\": {\"url\": ", StringComparison.Ordinal) && !l.Contains("language", StringComparison.Ordinal) && !l.Contains("bucket", StringComparison.Ordinal));
        }
        else
        {
            DuckDb.Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{Sql(first)}', hive_partitioning = false))").Select(r => $"{r[0]} {r[1]}")
                .Should().Equal("text VARCHAR", "meta STRUCT(url VARCHAR)");
        }
    }

    [Fact]
    public void DuckDB_reads_the_partition_columns_from_the_paths_and_prunes_on_them()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        Run(WriteInputs(directory), output, OutputFormat.Parquet, threads: 1);
        string glob = Sql(Path.Combine(output, "**", "*.parquet"));

        List<object?[]> rows = DuckDb.Query($"SELECT language, bucket, count(*) FROM read_parquet('{glob}', hive_partitioning = true, hive_types_autocast = false) GROUP BY ALL ORDER BY ALL");

        // 42 documents: language cycles through 7 values, bucket through 2; null and "" share the default partition.
        rows.Select(r => $"{r[0] ?? "NULL"}|{r[1]}|{r[2]}").Should().Equal(
            "a/b=c%d|head|3", "a/b=c%d|tail|3", "de|head|3", "de|tail|3", "en|head|3", "en|tail|3", "x y|head|3", "x y|tail|3", "日本|head|3", "日本|tail|3",
            "NULL|head|6", "NULL|tail|6");
        DuckDb.Query($"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true) WHERE language = 'a/b=c%d' AND meta.url LIKE 'https://%'").Single()[0].Should().Be(6L);
    }

    [Theory]
    [InlineData(OutputFormat.Jsonl)]
    [InlineData(OutputFormat.Parquet)]
    public void Partitioned_output_is_byte_identical_whatever_the_thread_count(OutputFormat format)
    {
        using var directory = new TemporaryDirectory();
        string[] inputs = WriteInputs(directory);
        string one = directory.Combine("one");
        string two = directory.Combine("two");

        Run(inputs, one, format, threads: 1);
        Run(inputs, two, format, threads: 2);

        Snapshot(one).Should().BeEquivalentTo(Snapshot(two), o => o.WithStrictOrdering());
        Snapshot(one).Keys.Should().Contain(LocalEngine.StatisticsFileName);
    }

    [Fact]
    public void The_documents_source_reads_a_partitioned_output_back_with_its_partition_columns()
    {
        using var directory = new TemporaryDirectory();
        string partitioned = directory.Combine("partitioned");
        Run(WriteInputs(directory), partitioned, OutputFormat.Jsonl, threads: 1);
        string again = directory.Combine("again");

        Run([partitioned], again, OutputFormat.Jsonl, threads: 1, partitionBy: []);

        var read = Directory.EnumerateFiles(again, "part-*.jsonl").SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("meta"))
            .Select(m => (Language: m.TryGetProperty("language", out JsonElement l) ? l.GetString() : null, Bucket: m.GetProperty("bucket").GetString()!, Url: m.GetProperty("url").GetString()!))
            .OrderBy(r => r.Url, StringComparer.Ordinal).ToList();
        var expected = Enumerable.Range(0, 42).Select(i => (Language: s_languages[i % 7] is "" ? null : s_languages[i % 7], Bucket: s_buckets[i % 2], Url: Url(i)))
            .OrderBy(r => r.Url, StringComparer.Ordinal).ToList();
        read.Should().Equal(expected, "null and \"\" both come back as null (the default partition), as in Spark");
    }

    [Fact]
    public void A_rerun_replaces_the_partition_directories_and_touches_nothing_else()
    {
        using var directory = new TemporaryDirectory();
        string[] inputs = WriteInputs(directory);
        string output = directory.Combine("out");
        Run(inputs, output, OutputFormat.Parquet, threads: 1);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(output, "language=en", "mine.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(output, "other"));
        File.WriteAllText(Path.Combine(output, "other", "part-00000.parquet"), "not a partition directory");

        RunStatistics statistics = Run(inputs, output, OutputFormat.Parquet, threads: 1, partitionBy: ["bucket"]);

        Directory.EnumerateDirectories(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("bucket=head", "bucket=tail", "language=en", "other");
        Directory.EnumerateFileSystemEntries(Path.Combine(output, "language=en")).Select(Path.GetFileName).Should().Equal(["mine.txt"], "only part files of the previous run go");
        File.Exists(Path.Combine(output, "other", "part-00000.parquet")).Should().BeTrue();
        File.Exists(Path.Combine(output, "notes.txt")).Should().BeTrue();
        Directory.EnumerateFiles(output, "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Where(f => f.StartsWith("bucket=", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Should().Equal(statistics.Parts.Select(p => p.File).Order(StringComparer.Ordinal));

        // And back to no partitioning: the bucket directories go, part files are at the top again.
        Run(inputs, output, OutputFormat.Parquet, threads: 1, partitionBy: []);
        Directory.EnumerateDirectories(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("language=en", "other");
        File.Exists(Path.Combine(output, "part-00000.parquet")).Should().BeTrue();
    }

    [Fact]
    public void More_partitions_in_a_shard_than_the_cap_fail_the_run_naming_the_setting_and_leave_the_previous_output()
    {
        using var directory = new TemporaryDirectory();
        string[] inputs = WriteInputs(directory);
        string output = directory.Combine("out");
        Run(inputs, output, OutputFormat.Jsonl, threads: 1);
        Dictionary<string, byte[]> before = Snapshot(output);

        Action capped = () => Run(inputs, output, OutputFormat.Jsonl, threads: 1, maxPartitions: 5);

        capped.Should().Throw<RunFailedException>().WithMessage("*(language, bucket)*more than 5 partitions*output.max_partitions*");
        Snapshot(output).Should().BeEquivalentTo(before);
    }

    [Fact]
    public void A_partition_field_the_schema_lacks_is_refused_before_anything_is_written()
    {
        using var directory = new TemporaryDirectory();
        string[] inputs = WriteInputs(directory);
        RunConfig config = Config(["language", "nope"]);
        SourceCatalog.InferFromFirstInput(DocumentsSource.SourceName, config, inputs[0]);

        FluentActions.Invoking(() => SourceCatalog.Describe(DocumentsSource.SourceName, config)).Should().Throw<ArgumentException>().WithMessage("*partition field 'nope'*");
    }

    internal static string[] WriteInputs(TemporaryDirectory directory)
    {
        string inputs = directory.Combine("in");
        Directory.CreateDirectory(inputs);
        var files = new List<string>();
        for (int file = 0; file < 3; file++)
        {
            var lines = new List<string>();
            for (int i = file * 14; i < (file + 1) * 14; i++)
            {
                var row = new Dictionary<string, object?> { ["text"] = $"document {i}", ["url"] = Url(i), ["bucket"] = s_buckets[i % 2] };
                if (s_languages[i % 7] is { } language)
                {
                    row["language"] = language;
                }

                lines.Add(JsonSerializer.Serialize(row));
            }

            string path = Path.Combine(inputs, $"rows-{file}.jsonl");
            File.WriteAllLines(path, lines);
            files.Add(path);
        }

        return [.. files];
    }

    private static string Url(int i) => $"https://example.org/{i:D2}";

    private static RunConfig Config(IReadOnlyList<string>? partitionBy)
    {
        RunConfig config = RunConfigLoader.Parse("tokenizer:\n  token_count: false\nquality:\n  signals: false\n");
        config.Output.PartitionBy = partitionBy is null ? null : [.. partitionBy];
        return config;
    }

    internal static RunStatistics Run(string[] inputs, string output, OutputFormat format, int threads, IReadOnlyList<string>? partitionBy = null, int maxPartitions = 64)
    {
        RunConfig config = Config(partitionBy ?? ["language", "bucket"]);
        InputResolution resolution = InputResolver.Resolve(inputs, SourceCatalog.InputFilter(DocumentsSource.SourceName));
        SourceCatalog.InferFromFirstInput(DocumentsSource.SourceName, config, resolution.Files[0].Path);
        PipelineDescription pipeline = SourceCatalog.Describe(DocumentsSource.SourceName, config);

        // One shard per input file: three part files per partition at most.
        var options = new LocalEngineOptions { Threads = threads, Format = format, ShardBytes = 1, MaxPartitions = maxPartitions };
        return new LocalEngine(options).RunAsync(pipeline, resolution.Files, output, resolution.Problems).GetAwaiter().GetResult();
    }

    private static Dictionary<string, byte[]> Snapshot(string output) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(output, f), File.ReadAllBytes);

    private static string Sql(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
