using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.C4;
using RedPajama.Spark;
using RedPajama.Spark.Plan;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Spark;

/// <summary>
/// c4's parts named after their inputs on Spark: the plan stages the write by input and <see cref="NamedPartsCommit"/>
/// moves Spark's files (laid out here as Spark's committer leaves them) to the local engine's names.
/// </summary>
public sealed class SparkNamedPartsTests
{
    private static readonly RunConfig s_config = new() { Quality = new QualityConfig { Signals = false }, Tokenizer = new TokenizerConfig { TokenCount = false } };

    private static readonly InputFile[] s_files =
    [
        new(0, "hdfs://c4/en/c4-train.00000-of-01024.json.gz", 10),
        new(1, "hdfs://c4/en/c4-train.00001-of-01024.json.gz", 10),
        new(2, "hdfs://c4/en/c4-validation.00000-of-00008.json.gz", 10),
    ];

    private static PipelineDescription C4 => SourceCatalog.Describe(C4Source.SourceName, s_config);

    [Fact]
    public void C4_write_is_staged_by_input_then_renamed_before_the_statistics_and_the_marker()
    {
        List<SparkStage> stages = [.. SparkJobPlan.Describe(C4, keepAll: false, s_files).Stages];

        stages.Skip(stages.FindIndex(s => s is WriteStage)).Select(s => s.GetType()).Should().Equal(
            typeof(WriteStage), typeof(CountWrittenStage), typeof(RenamePartsStage), typeof(WriteStatisticsStage), typeof(MarkSuccessStage));
        WriteStage write = stages.OfType<WriteStage>().Single();
        write.Directory.Should().Be("_rp_parts", "Overwrite replaces only the staging directory: the previous output stays until the commit");
        write.PartitionBy.Should().Equal([SegmentRows.InputColumn], "all rows of an input hash to one task");
        write.HivePartitionBy.Should().Equal([SegmentRows.InputColumn], "the directory names tell the driver which input a file holds");
        write.SortWithinPartitionsBy.Should().Equal(SegmentRows.InputColumn, SegmentRows.RecordColumn);
        write.Columns.Should().Equal("text", "meta");
        write.Options.Should().Contain("maxRecordsPerFile", "0").And.Contain(SparkJobPlan.MarkSuccessfulJobsKey, "false");
        RenamePartsStage rename = stages.OfType<RenamePartsStage>().Single();
        rename.Should().BeEquivalentTo(new
        {
            StagingDirectory = "_rp_parts",
            InputColumn = SegmentRows.InputColumn,
            Names = new Dictionary<int, string> { [0] = "c4-train.00000-of-01024.parquet", [1] = "c4-train.00001-of-01024.parquet", [2] = "c4-validation.00000-of-00008.parquet" },
        });
    }

    [Fact]
    public void Other_sources_write_spark_part_names_straight_into_the_output()
    {
        List<SparkStage> stages = [.. SparkJobPlan.Describe(SourceCatalog.Describe(RedPajama.Sources.Books.BooksSource.SourceName, new RunConfig()), keepAll: false, s_files).Stages];

        stages.OfType<RenamePartsStage>().Should().BeEmpty();
        stages.OfType<WriteStage>().Single().Directory.Should().BeNull();
        stages.OfType<WriteStage>().Single().Options.Should().NotContainKey("maxRecordsPerFile");
    }

    [Fact]
    public void Two_inputs_of_one_name_and_hive_partitions_are_refused_before_anything_is_written()
    {
        InputFile[] twice = [new(0, "hdfs://c4/a/c4-train.00000-of-01024.json.gz", 1), new(1, "hdfs://c4/b/c4-train.00000-of-01024.json.gz", 1)];
        FluentActions.Invoking(() => SparkJobPlan.Describe(C4, false, twice)).Should().Throw<ArgumentException>().WithMessage("*c4-train.00000-of-01024.parquet*");

        PipelineDescription partitioned = C4 with { PartitionBy = ["language"] };
        FluentActions.Invoking(() => SparkJobPlan.Describe(partitioned, false, s_files)).Should().Throw<ArgumentException>().WithMessage("*local engine only*");
    }

    [Fact]
    public void Each_staged_file_goes_to_its_inputs_name_whatever_task_wrote_it_and_an_input_without_rows_gets_an_empty_part()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        RenamePartsStage stage = SparkJobPlan.Describe(C4, false, s_files).Stages.OfType<RenamePartsStage>().Single();
        // Spark's layout: task numbers unrelated to input order; input 1 had no rows, so no directory.
        Stage(output, 0, "part-00007-5f1c.c000.zstd.parquet", "rows of input 0");
        Stage(output, 2, "part-00003-5f1c.c000.zstd.parquet", "rows of input 2");
        var fileSystem = new LocalOutputFileSystem();
        int emptyWrites = 0;

        IReadOnlyList<PartStatistics> parts = NamedPartsCommit.Commit(fileSystem, output, stage, new Dictionary<int, long> { [0] = 5, [2] = 7 }, () =>
        {
            emptyWrites++;
            string empty = Path.Combine(output, "_rp_parts", "_empty", "part-00000-9a.c000.zstd.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(empty)!);
            File.WriteAllText(empty, "schema only");
            return empty;
        });

        parts.Should().Equal(new PartStatistics("c4-train.00000-of-01024.parquet", 5), new PartStatistics("c4-train.00001-of-01024.parquet", 0), new PartStatistics("c4-validation.00000-of-00008.parquet", 7));
        Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(parts.Select(p => p.File), "the staging directory is gone");
        File.ReadAllText(Path.Combine(output, "c4-train.00000-of-01024.parquet")).Should().Be("rows of input 0");
        File.ReadAllText(Path.Combine(output, "c4-validation.00000-of-00008.parquet")).Should().Be("rows of input 2");
        File.ReadAllText(Path.Combine(output, "c4-train.00001-of-01024.parquet")).Should().Be("schema only");
        emptyWrites.Should().Be(1);
    }

    [Fact]
    public void A_rerun_replaces_the_previous_parts_only_at_the_commit_and_leaves_other_files_alone()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        Directory.CreateDirectory(output);
        // The previous run: two named parts (its _stats.json lists them), an older run's Spark part, a user's file.
        File.WriteAllText(Path.Combine(output, "c4-train.00000-of-01024.parquet"), "previous 0");
        File.WriteAllText(Path.Combine(output, "c4-train.00099-of-01024.parquet"), "previous 99");
        File.WriteAllText(Path.Combine(output, "part-00000-0b.c000.zstd.parquet"), "spark names");
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(output, "_stats.json"), "{\"parts\": [{\"file\": \"c4-train.00000-of-01024.parquet\", \"rows\": 1}, {\"file\": \"c4-train.00099-of-01024.parquet\", \"rows\": 1}, {\"file\": \"../escape.parquet\", \"rows\": 1}]}");
        File.WriteAllText(Path.Combine(output, "_SUCCESS"), string.Empty);
        File.WriteAllText(directory.Combine("escape.parquet"), "outside");
        InputFile[] one = [s_files[0]];
        RenamePartsStage stage = SparkJobPlan.Describe(C4, false, one).Stages.OfType<RenamePartsStage>().Single();
        Stage(output, 0, "part-00000-77.c000.zstd.parquet", "new 0");
        var fileSystem = new LocalOutputFileSystem();

        NamedPartsCommit.Commit(fileSystem, output, stage, new Dictionary<int, long> { [0] = 3 }, () => throw new InvalidOperationException("no input is empty"));

        Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("_stats.json", "c4-train.00000-of-01024.parquet", "notes.txt");
        File.ReadAllText(Path.Combine(output, "c4-train.00000-of-01024.parquet")).Should().Be("new 0");
        File.Exists(directory.Combine("escape.parquet")).Should().BeTrue("a listed path outside the output is never a part");
        fileSystem.Operations.Should().Equal(
            "delete _SUCCESS",
            "delete c4-train.00000-of-01024.parquet",
            "rename part-00000-77.c000.zstd.parquet → c4-train.00000-of-01024.parquet",
            "delete c4-train.00099-of-01024.parquet",
            "delete part-00000-0b.c000.zstd.parquet",
            "delete _rp_parts/");
    }

    [Fact]
    public void A_staging_directory_that_is_not_one_file_per_input_fails_before_the_output_is_touched()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "_SUCCESS"), string.Empty);
        RenamePartsStage stage = SparkJobPlan.Describe(C4, false, s_files).Stages.OfType<RenamePartsStage>().Single();
        Stage(output, 1, "part-00001-aa.c000.zstd.parquet", "first half");
        Stage(output, 1, "part-00001-aa.c001.zstd.parquet", "second half");
        var fileSystem = new LocalOutputFileSystem();

        FluentActions.Invoking(() => NamedPartsCommit.Commit(fileSystem, output, stage, new Dictionary<int, long>(), () => "unused"))
            .Should().Throw<InvalidDataException>().WithMessage("*input 1 were written to two files*");
        Directory.Delete(Path.Combine(output, "_rp_parts"), recursive: true);
        Stage(output, 9, "part-00000-bb.c000.zstd.parquet", "stray");
        FluentActions.Invoking(() => NamedPartsCommit.Commit(fileSystem, output, stage, new Dictionary<int, long>(), () => "unused"))
            .Should().Throw<InvalidDataException>().WithMessage("*written for no input of this run*");

        fileSystem.Operations.Should().BeEmpty();
        File.Exists(Path.Combine(output, "_SUCCESS")).Should().BeTrue();
    }

    [Fact]
    public void A_commit_that_dies_part_way_leaves_no_success_marker_and_a_rerun_completes_it()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "_SUCCESS"), string.Empty);
        RenamePartsStage stage = SparkJobPlan.Describe(C4, false, s_files).Stages.OfType<RenamePartsStage>().Single();
        for (int input = 0; input < 3; input++)
        {
            Stage(output, input, $"part-0000{input}-cc.c000.zstd.parquet", $"rows {input}");
        }

        FluentActions.Invoking(() => NamedPartsCommit.Commit(new LocalOutputFileSystem { FailRenameOf = "00001-of" }, output, stage, new Dictionary<int, long>(), () => "unused"))
            .Should().Throw<IOException>();
        File.Exists(Path.Combine(output, "_SUCCESS")).Should().BeFalse("readers must not trust a half-committed output");

        // The rerun writes the staging directory again (Spark's Overwrite of it) and commits.
        Directory.Delete(Path.Combine(output, "_rp_parts"), recursive: true);
        for (int input = 0; input < 3; input++)
        {
            Stage(output, input, $"part-0000{input}-dd.c000.zstd.parquet", $"rows {input}");
        }

        NamedPartsCommit.Commit(new LocalOutputFileSystem(), output, stage, new Dictionary<int, long>(), () => "unused");
        Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(stage.Names.Values.Order(StringComparer.Ordinal));
        File.ReadAllText(Path.Combine(output, "c4-train.00001-of-01024.parquet")).Should().Be("rows 1");
    }

    /// <summary>A file where Spark's committer leaves it for <c>partitionBy(_rp_input)</c> under the staging directory.</summary>
    internal static void Stage(string output, int input, string name, string content)
    {
        string folder = Path.Combine(output, NamedPartsCommit.StagingDirectory, $"{SegmentRows.InputColumn}={input}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), content);
    }
}
