using RedPajama.Configuration;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Books;
using RedPajama.Spark.Plan;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Spark;

/// <summary>The Spark job's plan, inspected without a JVM: its stages follow the pipeline and its output has the local engine's columns.</summary>
public sealed class SparkJobPlanTests
{
    private static readonly RunConfig s_everything = new()
    {
        Quality = new QualityConfig { Preset = "gopher" },
        Dedup = new DedupConfig { NearThreshold = 0.8 },
        Tokenizer = new TokenizerConfig { InputIds = true },
    };

    private static readonly InputFile[] s_someFiles = [new(0, "hdfs://books/a.txt", 10), new(1, "hdfs://books/b.jsonl.zst", 20)];

    [Fact]
    public void No_read_stage_is_planned_without_input_files_since_spark_cannot_infer_a_schema_from_none()
    {
        SparkJobPlan plan = SparkJobPlan.Describe(SourceCatalog.Describe(BooksSource.SourceName, new RunConfig()), keepAll: false, []);

        plan.Stages.OfType<ReadStage>().Should().BeEmpty();
        plan.Stages[0].Should().BeOfType<CountReadStage>("the job counts an empty frame of the row schema");
    }

    [Theory]
    [InlineData("documents")]
    [InlineData("books")]
    public void Inputs_are_the_files_the_local_engine_reads_routed_by_the_source_filter(string source)
    {
        using var directory = new TemporaryDirectory();
        string inputs = directory.Combine("in");
        Directory.CreateDirectory(Path.Combine(inputs, "sub"));
        string single = directory.Combine("named-explicitly.txt");
        foreach (string name in new[] { "notes.txt", "a.jsonl", "b.jsonl.zst", "c.txt.gz", "d.parquet", "e.json.gz", "f.jsonl.bz2", "g.csv", "sub/h.jsonl", "sub/i.txt" })
        {
            File.WriteAllText(Path.Combine(inputs, name), "x");
        }

        File.WriteAllText(single, "x");
        // What Spark's binaryFile listing returns (recursive; it skips _ and . names as the local resolver does).
        ListedInput[] listed =
        [
            new(inputs, false, [.. Directory.EnumerateFiles(inputs, "*", SearchOption.AllDirectories).Select(f => new ListedFile(f, 1))]),
            new(single, true, [new ListedFile(single, 1)]),
        ];

        InputResolution spark = SparkJobPlan.SelectInputs(source, listed);

        InputResolution local = InputResolver.Resolve([inputs, single], SourceCatalog.InputFilter(source));
        spark.Files.Select(f => f.Path).Should().Equal(local.Files.Select(f => f.Path));
        spark.Files.Select(f => Path.GetFileName(f.Path)).Should().Contain(["b.jsonl.zst", "d.parquet", "named-explicitly.txt"]).And.NotContain(["f.jsonl.bz2", "g.csv"]);
        if (source == "documents")
        {
            spark.Files.Select(f => Path.GetFileName(f.Path)).Should().NotContain(["notes.txt", "c.txt.gz", "i.txt"], "the documents reader does not read text files");
        }

        SparkJobPlan.Describe(SourceCatalog.Describe(BooksSource.SourceName, new RunConfig()), false, spark.Files)
            .Stages.OfType<ReadStage>().Single().Files.Should().Equal(spark.Files.Select(f => f.Path));
    }

    [Fact]
    public void C4_plan_reads_the_json_gz_files_runs_the_record_step_and_writes_with_no_grouped_stage()
    {
        var config = new RunConfig { Quality = new QualityConfig { Signals = false }, Tokenizer = new TokenizerConfig { TokenCount = false } };
        PipelineDescription pipeline = SourceCatalog.Describe(RedPajama.Sources.C4.C4Source.SourceName, config);
        InputFile[] files = [new(0, "hdfs://c4/en/c4-train.00000-of-01024.json.gz", 10), new(1, "hdfs://c4/en/c4-train.00001-of-01024.json.gz", 10)];

        SparkJobPlan plan = SparkJobPlan.Describe(pipeline, keepAll: false, files);

        plan.Stages[0].Should().BeOfType<ReadStage>().Which.Files.Should().Equal(files.Select(f => f.Path));
        plan.Stages.OfType<GroupedStage>().Should().BeEmpty("c4 is reformatted as it is: no filter, no dedup");
        plan.Stages.OfType<PassStage>().Should().BeEmpty();
        plan.Stages.OfType<AccountingStage>().Single().StepNames.Should().Equal("read", "c4_record");
        plan.Stages.OfType<WriteStage>().Single().Columns.Should().Equal("text", "meta");

        // Each part is named after its input (c4_reformat.py's names), as the local engine names it: Spark's files are
        // moved to those names after the write (SparkNamedPartsTests).
        pipeline.NamesPartsAfterInputs.Should().BeTrue();
        plan.Stages.OfType<RenamePartsStage>().Single().Names.Values.Should().Equal(
            files.Select(f => RedPajama.Writing.InputPartNames.Of(f.Path, RedPajama.Writing.OutputFormat.Parquet)));
        plan.Stages.OfType<RenamePartsStage>().Single().Names.Values.Should().Equal("c4-train.00000-of-01024.parquet", "c4-train.00001-of-01024.parquet");
    }

    [Fact]
    public void An_argument_with_no_file_the_source_reads_is_an_input_problem()
    {
        InputResolution spark = SparkJobPlan.SelectInputs("documents", [new ListedInput("s3a://b/notes", false, [new ListedFile("s3a://b/notes/a.txt", 3)]), new ListedInput("s3a://b/none", false, [])]);

        spark.Files.Should().BeEmpty();
        spark.Problems.Select(p => p.Path).Should().Equal("s3a://b/notes", "s3a://b/none");
    }

    [Fact]
    public void Stages_read_both_input_kinds_then_run_each_grouped_step_as_one_generic_shuffle()
    {
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, s_everything);

        SparkJobPlan plan = SparkJobPlan.Describe(pipeline, keepAll: false, s_someFiles);

        plan.Stages.Should().HaveCount(9);
        plan.Stages[0].Should().BeOfType<ReadStage>().Which.Files.Should().Equal(s_someFiles.Select(f => f.Path));
        plan.Stages.OfType<GroupedStage>().Should().Equal(
            new GroupedStage(6, "exact_dedup", "duplicate", "_rp_entries_6", DecidesSingletons: false, LinksDocuments: false, EditsDocuments: false),
            new GroupedStage(7, "near_dedup", "near_duplicate", "_rp_entries_7", DecidesSingletons: false, LinksDocuments: true, EditsDocuments: false));
        plan.Stages.OfType<PassStage>().Should().BeEmpty("one segment: the read is its only UDF stage");
        plan.Stages[4].Should().BeOfType<AccountingStage>().Which.StepNames.Should().Equal(
            ["read", "gutenberg_clean", "normalize_line_endings", "drop_empty", "quality_signals", "quality_filter", "tokenize", "exact_dedup", "near_dedup"],
            "accounting sees every step, in the local engine's order");
        plan.Stages[5].Should().BeOfType<WriteStage>().Which.Compression.Should().Be("zstd");
    }

    [Theory]
    [InlineData("lines", "c4_line_dedup")]
    [InlineData("spans", "c4_span_dedup")]
    public void C4_clean_shuffles_on_the_url_then_on_the_line_or_span_hash_and_identifies_language_after_the_edits(string dedup, string dedupStep)
    {
        var config = new RunConfig();
        config.Section<RedPajama.Sources.C4Clean.C4CleanConfig>().Dedup = dedup;
        InputFile[] wet = [new(0, "s3a://cc/a.warc.wet.gz", 10), new(1, "s3a://cc/b.warc.wet.gz", 20)];

        List<SparkStage> stages = [.. SparkJobPlan.Describe(SourceCatalog.Describe(RedPajama.Sources.C4Clean.C4CleanSource.SourceName, config), keepAll: false, wet).Stages];

        stages.OfType<GroupedStage>().Select(g => (g.StepIndex, g.Step, g.DropReason, g.EditsDocuments)).Should().Equal(
            (1, "c4_url_dedup", "duplicate_url", false), (3, dedupStep, dedup == "lines" ? "deduped_page_empty" : "deduped_too_few_sentences", true));
        stages.OfType<PassStage>().Should().HaveCount(2, "clean_page runs after the URL shuffle, language ID after the edits");
        stages.OfType<AccountingStage>().Single().StepNames.Should().Equal("read", "c4_length", "c4_url_dedup", "c4_clean_page", dedupStep, "language_id");
        stages.OfType<WriteStage>().Single().HivePartitionBy.Should().Equal("split");
    }

    [Fact]
    public void Read_is_counted_at_the_read_and_written_from_the_output_not_both_from_the_accounting_group_by()
    {
        SparkJobPlan plan = SparkJobPlan.Describe(SourceCatalog.Describe(BooksSource.SourceName, s_everything), keepAll: false, s_someFiles);

        List<Type> order = [.. plan.Stages.Select(s => s.GetType())];
        int lastRead = order.FindLastIndex(t => t == typeof(ReadStage));
        order[lastRead + 1].Should().Be<CountReadStage>("read is counted on the rows the read produced, before any other stage");
        order.IndexOf(typeof(CountWrittenStage)).Should().Be(order.IndexOf(typeof(WriteStage)) + 1, "written is counted in the output just written");
    }

    [Fact]
    public void Stats_file_is_written_beside_the_output_before_the_success_marker_which_spark_does_not_write()
    {
        SparkJobPlan plan = SparkJobPlan.Describe(SourceCatalog.Describe(BooksSource.SourceName, new RunConfig()), keepAll: false, s_someFiles);

        plan.Stages.TakeLast(4).Select(s => s.GetType()).Should().Equal(typeof(WriteStage), typeof(CountWrittenStage), typeof(WriteStatisticsStage), typeof(MarkSuccessStage));
        plan.Stages.OfType<WriteStatisticsStage>().Single().FileName.Should().Be(LocalEngine.StatisticsFileName);
        plan.Stages.OfType<MarkSuccessStage>().Single().FileName.Should().Be("_SUCCESS");
        plan.Stages.OfType<WriteStage>().Single().Options.Should().Contain("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false",
            "Spark's committer would otherwise write _SUCCESS before _stats.json exists");
    }

    [Fact]
    public void A_step_after_an_editing_grouped_step_runs_in_a_pass_stage_that_takes_its_edits()
    {
        PipelineDescription books = SourceCatalog.Describe(BooksSource.SourceName, s_everything);
        PipelineDescription pipeline = books with { Steps = [.. books.Steps.Take(3), new SharedLinesStep(), .. books.Steps.Skip(3)] };

        List<SparkStage> stages = [.. SparkJobPlan.Describe(pipeline, keepAll: true, s_someFiles).Stages];

        stages.OfType<GroupedStage>().Select(g => (g.StepIndex, g.Step, g.EditsDocuments, g.NumbersClusters)).Should().Equal(
            (3, "shared_lines", true, false), (7, "exact_dedup", false, false), (8, "near_dedup", false, true));
        stages.OfType<PassStage>().Should().Equal(new PassStage(1, TakesEdits: true, "ApplyPass"));
        stages.IndexOf(stages.OfType<PassStage>().Single()).Should().Be(stages.FindIndex(s => s is GroupedStage) + 1, "the edits are applied right after the step that sent them");
        stages.OfType<AccountingStage>().Single().StepNames.Should().Contain("shared_lines");
    }

    [Fact]
    public void An_editing_step_at_the_end_gets_a_pass_that_only_applies_its_edits()
    {
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, new RunConfig()).Append(new SharedLinesStep());

        SparkJobPlan plan = SparkJobPlan.Describe(pipeline, keepAll: false, s_someFiles);

        plan.Stages.OfType<PassStage>().Should().Equal(new PassStage(pipeline.Segments.Count, TakesEdits: true, "ApplyPass"));
        new RedPajama.Engine.Rows.SegmentRows(pipeline).Passes[^1].DocumentSteps.Should().BeEmpty();
    }

    [Fact]
    public void The_write_partitions_and_sorts_within_partitions_by_the_order_key_without_a_global_sort()
    {
        WriteStage write = SparkJobPlan.Describe(SourceCatalog.Describe(BooksSource.SourceName, new RunConfig()), keepAll: false, s_someFiles).Stages.OfType<WriteStage>().Single();

        write.PartitionBy.Should().Equal(RedPajama.Engine.Rows.SegmentRows.InputColumn, RedPajama.Engine.Rows.SegmentRows.RecordColumn);
        write.SortWithinPartitionsBy.Should().Equal(RedPajama.Engine.Rows.SegmentRows.InputColumn, RedPajama.Engine.Rows.SegmentRows.RecordColumn);
    }

    [Fact]
    public void Output_columns_are_the_local_engine_parquet_columns_except_the_local_only_ones()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        BooksRun.Run([TestData.SampleBooks], output, new LocalEngineOptions { KeepAll = true }, tokenizer: s_everything.Tokenizer, quality: s_everything.Quality, dedup: s_everything.Dedup);
        string parquet = Path.Combine(output, "part-00000.parquet").Replace("'", "''", StringComparison.Ordinal);
        string[] local = [.. DuckDb.Query($"SELECT column_name FROM (DESCRIBE SELECT * FROM '{parquet}')").Select(r => (string)r[0]!)];
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, s_everything);

        IReadOnlyList<string> spark = SparkJobPlan.Describe(pipeline, keepAll: true, s_someFiles).Stages.OfType<WriteStage>().Single().Columns;

        // Line-signal span lists are written by the local engine only (README, "Run on Spark").
        string[] localOnly = [.. RedPajama.Udfs.Quality.SignalCatalog.LineSignals.Select(l => l.Name)];
        spark.Should().Equal(local.Where(c => !localOnly.Contains(c)));
        local.Should().Contain(localOnly, "the local engine writes them");
        spark.Should().StartWith(["text", "meta"]).And.EndWith(["drop_reason", "keep", "cluster_id", "input_ids"]);
    }

    [Fact]
    public void Without_keep_all_only_kept_documents_are_written_and_no_verdict_columns()
    {
        WriteStage write = SparkJobPlan.Describe(SourceCatalog.Describe(BooksSource.SourceName, new RunConfig()), keepAll: false, s_someFiles).Stages.OfType<WriteStage>().Single();

        write.KeepAll.Should().BeFalse();
        write.Columns.Should().NotContain("drop_reason").And.NotContain("keep").And.NotContain("input_ids");
    }
}
