using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Sources;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Spark;
using RedPajama.Sources.Books;
using RedPajama.Sources.Documents;
using RedPajama.Tests.Support;
using RedPajama.Tokenization;
using RedPajama.Writing;

namespace RedPajama.Tests.Spark.Worker;

/// <summary>
/// The job's UDFs serialised by Microsoft.Spark's driver code and run by the real Microsoft.Spark.Worker over the
/// Spark 3.5 task protocol, with no JVM: each returns, on the worker, what the local engine gives for the same
/// documents. Skipped, saying why, where the worker (../shared/spark-worker) is not installed.
/// </summary>
[Trait("Category", "SparkWorker")]
public sealed class SparkWorkerTests
{
    [SkippableFact]
    public void Read_udf_on_the_worker_gives_the_local_engine_books()
    {
        SkipUnlessInstalled();
        using var job = new JobOnWorker(BooksSource.SourceName, new RunConfig());
        BooksRun.Run([TestData.SampleBooks], job.Scratch.Combine("out"), new LocalEngineOptions { Format = OutputFormat.Jsonl }, tokenizer: new TokenizerConfig());
        string[] local = File.ReadAllLines(job.Scratch.Combine("out", "part-00000.jsonl"));

        IReadOnlyList<string[]> elements = job.InputFileRows(TestData.SampleBookFiles);

        SegmentRows rows = job.Udf.Rows;
        elements.Should().OnlyContain(e => e.Length == 1, "a Gutenberg file is one book");
        elements.Select(e => SparkSeamTests.JsonLine(rows, rows.FromJson(e[0]))).Should().Equal(local);
    }

    [SkippableFact]
    public void Read_udf_on_the_worker_gives_the_local_engine_pg19_documents()
    {
        SkipUnlessInstalled();
        using var job = new JobOnWorker(BooksSource.SourceName, new RunConfig());
        string pg19 = TestData.Fixture("books/pg19-sample.jsonl");
        // Keep-all: the sample's second copy of a book is dropped by dedup, a grouped step the job runs as a shuffle
        // after the UDF; the UDF row is the document before it, which is the local line without its verdict.
        BooksRun.Run([pg19], job.Scratch.Combine("out"), new LocalEngineOptions { Format = OutputFormat.Jsonl, KeepAll = true }, tokenizer: new TokenizerConfig());
        string[] local = [.. File.ReadLines(job.Scratch.Combine("out", "part-00000.jsonl")).Select(WithoutVerdict)];

        SegmentRows rows = job.Udf.Rows;
        object?[][] read = [.. job.InputFileRows([pg19]).Single().Select(rows.FromJson)];

        read.Should().OnlyContain(r => rows.Get(r, SegmentRows.DropReasonColumn) == null, "no per-document step drops these");
        read.Select(r => SparkSeamTests.JsonLine(rows, r)).Should().Equal(local);
    }

    [SkippableFact]
    public void Read_udf_on_the_worker_reads_documents_source_rows_with_language_id()
    {
        SkipUnlessInstalled();
        string input = TestData.Fixture("quality/documents.jsonl");
        var config = new RunConfig { Lid = new LanguageIdConfig { Enabled = true } };
        SourceCatalog.InferFromFirstInput(DocumentsSource.SourceName, config, input);
        using var job = new JobOnWorker(DocumentsSource.SourceName, config);

        string[] onWorker = job.InputFileRows([input]).Single();

        var local = new SegmentRows(SourceCatalog.Describe(DocumentsSource.SourceName, RunConfigLoader.Parse(RunConfigLoader.ToYaml(config))));
        object?[][] expected = [.. local.ReadFile(0, input, File.ReadAllBytes(input)).Rows];
        onWorker.Should().HaveCount(expected.Length).And.HaveCount(File.ReadLines(input).Count(l => l.Trim().Length > 0));
        // The rows cross to the JVM as pickled UTF-8, where a lone surrogate (the fixture has one, from a JSON
        // escape) becomes U+FFFD, as it does in any UTF-8 output of the local engine.
        onWorker.Select(local.FromJson).Should().BeEquivalentTo(expected.Select(r => r.Select(AsUtf8).ToArray()), o => o.WithStrictOrdering());
    }

    [SkippableFact]
    public void Read_udf_on_the_worker_reads_wet_files_with_the_commoncrawl_models_shipped_as_spark_files()
    {
        SkipUnlessInstalled();
        using var driver = new TemporaryDirectory();
        string lid = driver.Combine("lid.176.ftz");
        File.Copy(RedPajama.LanguageId.LanguageIdModels.ModelPath(null), lid);
        var config = new RunConfig();
        config.Section<RedPajama.Sources.CommonCrawl.CommonCrawlConfig>().LidModel = lid;
        config.Section<RedPajama.Sources.CommonCrawl.CommonCrawlConfig>().Languages = ["all"];
        // Without paragraph dedup, language ID is in the read's segment.
        config.Section<RedPajama.Sources.CommonCrawl.CommonCrawlConfig>().ParagraphDedup = false;
        string[] inputs = [TestData.Fixture("commoncrawl/ccnet-sample.warc.wet"), TestData.Fixture("commoncrawl/whirlwind.warc.wet.gz")];
        var local = new SegmentRows(SourceCatalog.Describe(RedPajama.Sources.CommonCrawl.CommonCrawlSource.SourceName, RunConfigLoader.Parse(RunConfigLoader.ToYaml(config))));
        using var job = new JobOnWorker(RedPajama.Sources.CommonCrawl.CommonCrawlSource.SourceName, config);
        // The worker cannot see the driver's path: it must find the model among the task's Spark files.
        File.Delete(lid);

        IReadOnlyList<string[]> onWorker = job.InputFileRows(inputs);

        onWorker.Should().HaveCount(inputs.Length);
        for (int i = 0; i < inputs.Length; i++)
        {
            onWorker[i].Should().Equal(InputFileUdf.Encode(local, i, inputs[i], File.ReadAllBytes(inputs[i])), "file {0}", inputs[i]);
        }

        onWorker.SelectMany(rows => rows).Should().Contain(r => r.Contains("\"language\":\"en\"", StringComparison.Ordinal), "language ID ran on the worker");
    }

    [SkippableFact]
    public void The_wiki_reference_classifier_runs_on_the_worker_after_the_digest_dedup_as_on_the_local_engine()
    {
        SkipUnlessInstalled();
        using var driver = new TemporaryDirectory();
        string classifier = driver.Combine("model.bin");
        File.Copy(CcClassifier.ClassifierFixtures.ReferenceModel, classifier);
        var config = new RunConfig();
        config.Section<CommonCrawlConfig>().Classifier = classifier;
        config.Section<CommonCrawlConfig>().Languages = ["all"];
        // Unpartitioned and every field written: the comparison reads the local engine's top-level part files.
        PipelineDescription pipeline = SourceCatalog.Describe(CommonCrawlSource.SourceName, RunConfigLoader.Parse(RunConfigLoader.ToYaml(config))) with { PartitionBy = [], WrittenMeta = null };
        using var job = new JobOnWorker(CommonCrawlSource.SourceName, config);
        IReadOnlyList<RedPajama.Reading.InputFile> files = RedPajama.Reading.InputResolver.Resolve(
            [TestData.Fixture("commoncrawl/ccnet-sample.warc.wet"), TestData.Fixture("commoncrawl/whirlwind.warc.wet.gz")], WetReader.Accepts).Files;
        // The workers cannot see the driver's path: they must find the model among the task's Spark files.
        File.Delete(classifier);

        // Read, paragraph and digest dedup, then the classifier in the last pass (ApplyPass), each UDF on the worker.
        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(pipeline, files, job.Scratch.Combine("out"), job);

        SparkSeamTests.SameLines(spark, local);
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
        local.Count(l => l.Contains("\"wiki_prob\": ", StringComparison.Ordinal)).Should().Be(3, "the classifier scored the three documents that reach it");
    }

    [SkippableFact]
    public void Grouped_steps_decided_on_the_worker_give_the_local_engine_rows()
    {
        SkipUnlessInstalled();
        var config = new RunConfig { Dedup = new DedupConfig { NearThreshold = 0.8 }, Tokenizer = new TokenizerConfig { TokenCount = false } };
        using var job = new JobOnWorker(BooksSource.SourceName, config);
        string inputs = EditedBookCopy.SampleBooksWithCopy(job.Scratch);
        File.Copy(TestData.Book("pg1342.txt"), Path.Combine(inputs, "again-pg1342.txt"));
        IReadOnlyList<RedPajama.Reading.InputFile> files = RedPajama.Reading.InputResolver.Resolve([inputs], BooksReader.Accepts).Files;
        PipelineDescription pipeline = job.Udf.Rows.Pipeline;

        // Read, exact dedup and near dedup with every UDF call (FileRows, DecideGroup) made on the worker.
        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(pipeline, files, job.Scratch.Combine("out"), job);

        SparkSeamTests.SameLines(spark, local);
        sparkStatistics.Dropped.Should().BeEquivalentTo(new Dictionary<string, long> { ["duplicate"] = 1, ["near_duplicate"] = 1 }).And.BeEquivalentTo(localStatistics.Dropped);
        sparkStatistics.IsBalanced.Should().BeTrue();
    }

    [SkippableFact]
    public void Line_dedup_edits_applied_on_the_worker_give_the_local_engine_rows()
    {
        SkipUnlessInstalled();
        var config = new RunConfig { LineDedup = new LineDedupConfig { Enabled = true }, Dedup = new DedupConfig { NearThreshold = 0.8 } };
        using var job = new JobOnWorker(BooksSource.SourceName, config);
        string inputs = TestData.CopySampleBooks(job.Scratch.Combine("in"));
        File.WriteAllLines(Path.Combine(inputs, "shared.jsonl"), new[]
        {
            "shared preface line\nA first book of its own.\nshared closing line",
            "shared preface line\nA second book.\nA second book.\nshared closing line",
            "shared closing line\nshared preface line",
        }.Select((text, i) => System.Text.Json.JsonSerializer.Serialize(new { title = $"book {i}", text })));
        IReadOnlyList<RedPajama.Reading.InputFile> files = RedPajama.Reading.InputResolver.Resolve([inputs], BooksReader.Accepts).Files;
        PipelineDescription pipeline = job.Udf.Rows.Pipeline;
        pipeline.Segments.Should().HaveCount(2);

        // FileRows, DecideGroup (line dedup, exact, near) and ApplyPass (the edits, then the second segment) on the worker.
        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(pipeline, files, job.Scratch.Combine("out"), job);

        SparkSeamTests.SameLines(spark, local);
        localStatistics.Dropped.Should().ContainKey(RedPajama.Steps.CcnetLineDedupStep.Reason);
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [SkippableFact]
    public void C4_clean_runs_on_the_worker_with_its_punkt_model_and_word_list_shipped_as_spark_files()
    {
        SkipUnlessInstalled();
        using var driver = new TemporaryDirectory();
        string punkt = driver.Combine("punkt");
        Directory.CreateDirectory(punkt);
        foreach (string file in Directory.GetFiles(RedPajama.Tokenization.BundledModels.PunktDirectory))
        {
            File.Copy(file, Path.Combine(punkt, Path.GetFileName(file)));
        }

        string badwords = driver.Combine("en");
        File.Copy(RedPajama.Sources.C4Clean.C4CleanModels.BadwordsPath(null), badwords);
        var config = new RunConfig();
        var section = config.Section<RedPajama.Sources.C4Clean.C4CleanConfig>();
        (section.Punkt, section.Badwords, section.Dedup, section.Language) = (punkt, badwords, "spans", "all");
        using var job = new JobOnWorker(RedPajama.Sources.C4Clean.C4CleanSource.SourceName, config);
        PipelineDescription pipeline = job.Udf.Rows.Pipeline with { PartitionBy = [], WrittenMeta = null };
        string[] inputs = [.. File.ReadAllLines(TestData.Fixture("c4-clean/inputs.txt")).Select(f => TestData.Fixture(Path.Combine("c4-clean", f)))];
        IReadOnlyList<RedPajama.Reading.InputFile> files = RedPajama.Reading.InputResolver.Resolve(inputs, RedPajama.Sources.CommonCrawl.WetReader.Accepts).Files;

        // The worker cannot see the driver's paths: it must find both among the task's Spark files.
        Directory.Delete(punkt, recursive: true);
        File.Delete(badwords);
        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(pipeline, files, job.Scratch.Combine("out"), job);

        SparkSeamTests.SameLines(spark, local);
        sparkStatistics.Dropped.Should().ContainKey(RedPajama.Udfs.C4.TfdsDropReasons.BadWord).And.BeEquivalentTo(localStatistics.Dropped);
    }

    [SkippableFact]
    public void Github_runs_on_the_worker_with_the_neox_tokenizer_shipped_as_a_spark_file()
    {
        SkipUnlessInstalled();
        using var driver = new TemporaryDirectory();
        string tokenizer = driver.Combine("tokenizer.json");
        File.Copy(RedPajama.Tokenization.NeoxTokenizers.PathOf(null), tokenizer);
        string input = TestData.Fixture("github/github-rows.jsonl.gz");
        var config = new RunConfig();
        config.Section<RedPajama.Sources.Github.GithubConfig>().Tokenizer = tokenizer;
        SourceCatalog.InferFromFirstInput(RedPajama.Sources.Github.GithubSource.SourceName, config, input);
        using var job = new JobOnWorker(RedPajama.Sources.Github.GithubSource.SourceName, config);
        PipelineDescription pipeline = job.Udf.Rows.Pipeline;
        IReadOnlyList<RedPajama.Reading.InputFile> files = RedPajama.Reading.InputResolver.Resolve([input], SourceCatalog.InputFilter(RedPajama.Sources.Github.GithubSource.SourceName)).Files;

        // The worker cannot see the driver's path: it must find the tokenizer among the task's Spark files.
        File.Delete(tokenizer);
        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(pipeline, files, job.Scratch.Combine("out"), job);

        SparkSeamTests.SameLines(spark, local);
        sparkStatistics.Dropped.Should().ContainKey(RedPajama.Udfs.Code.GithubFileFilter.AlphaPerToken).And.BeEquivalentTo(localStatistics.Dropped);
    }

    [SkippableFact]
    public void Github_repositories_run_on_the_worker_with_the_licence_texts_shipped_as_a_spark_folder()
    {
        SkipUnlessInstalled();
        using var driver = new TemporaryDirectory();
        string licenses = driver.Combine("licenses");
        Directory.CreateDirectory(licenses);
        foreach (string text in Directory.GetFiles(RedPajama.Tokenization.BundledModels.LicensesDirectory))
        {
            File.Copy(text, Path.Combine(licenses, Path.GetFileName(text)));
        }

        string input = TestData.Fixture("github-repos/repos");
        IReadOnlyList<RedPajama.Reading.InputFile> files = RedPajama.Reading.InputResolver.Resolve([input], SourceCatalog.InputOptions(RedPajama.Sources.Github.GithubSource.SourceName, new RunConfig())).Files;
        var config = new RunConfig();
        config.Section<RedPajama.Sources.Github.GithubConfig>().Licenses = licenses;
        SourceCatalog.InferFromFirstInput(RedPajama.Sources.Github.GithubSource.SourceName, config, files[0].Path);
        using var job = new JobOnWorker(RedPajama.Sources.Github.GithubSource.SourceName, config);
        PipelineDescription pipeline = job.Udf.Rows.Pipeline;

        // The worker cannot see the driver's folder: it must find the licence texts among the task's Spark files.
        Directory.Delete(licenses, recursive: true);
        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(pipeline, files, job.Scratch.Combine("out"), job);

        SparkSeamTests.SameLines(spark, local);
        spark.Where(l => l.Contains("\"keep\": true", StringComparison.Ordinal)).Should().HaveCount(File.ReadAllLines(TestData.Fixture("github-repos/golden-filtered.jsonl")).Length);
        sparkStatistics.Dropped.Should().ContainKey(RedPajama.Sources.Github.GithubLicenseStep.NotPermissive).And.BeEquivalentTo(localStatistics.Dropped);
    }

    [SkippableFact]
    public void Wikipedia_dumps_are_read_and_cleaned_on_the_worker_as_on_the_local_engine()
    {
        SkipUnlessInstalled();
        string source = RedPajama.Sources.Wikipedia.WikipediaSource.SourceName;
        IReadOnlyList<RedPajama.Reading.InputFile> files = RedPajama.Reading.InputResolver.Resolve([TestData.Fixture("wikipedia-dumps")], SourceCatalog.InputOptions(source, new RunConfig())).Files;
        using var job = new JobOnWorker(source, new RunConfig());

        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(job.Udf.Rows.Pipeline, files, job.Scratch.Combine("out"), job);

        SparkSeamTests.SameLines(spark, local);
        spark.Should().Contain(l => l.Contains("\"keep\": true", StringComparison.Ordinal));
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [SkippableFact]
    public void A_split_multistream_dump_is_read_range_by_range_on_the_worker_as_on_the_local_engine()
    {
        SkipUnlessInstalled();
        string source = RedPajama.Sources.Wikipedia.WikipediaSource.SourceName;
        var config = new RunConfig();
        config.Section<RedPajama.Sources.Wikipedia.WikipediaConfig>().RangeMb = 0.02;
        using var job = new JobOnWorker(source, config);
        (string dump, _) = RedPajama.Tests.Wiki.SplitDumpTests.Build(job.Scratch);
        RedPajama.Reading.InputFile[] files = [new(0, dump, new FileInfo(dump).Length)];
        RedPajama.Spark.Plan.SparkJobPlan.SplitInputs(job.Udf.Rows.Pipeline, files).Should().HaveCountGreaterThan(4);

        var (local, spark, localStatistics, sparkStatistics) = SparkSeamTests.CompareWithLocal(job.Udf.Rows.Pipeline, files, job.Scratch.Combine("out"), job);

        SparkSeamTests.SameLines(spark, local);
        local.Should().HaveCount(1000);
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [SkippableFact]
    public void Decide_group_on_the_worker_sorts_members_and_answers_as_in_process()
    {
        SkipUnlessInstalled();
        using var job = new JobOnWorker(BooksSource.SourceName, new RunConfig { Dedup = new DedupConfig { NearThreshold = 0.8 } });
        int near = job.Udf.Rows.Pipeline.Steps.ToList().FindIndex(s => s is RedPajama.Steps.NearDedupStep);
        int exact = job.Udf.Rows.Pipeline.Steps.ToList().FindIndex(s => s is RedPajama.Steps.ExactDedupStep);
        // Members out of order; the input index, not the path, orders them (as the local engine's order key).
        string[] members = [GroupRows.MemberJson("b", 0, 2, 0, null), GroupRows.MemberJson("\uFF61", 1, 0, 0, null), GroupRows.MemberJson("b", 0, 1, 3, null), GroupRows.MemberJson("\U0001F600", 2, 5, 0, null)];
        string group = string.Join('\n', members);

        IReadOnlyList<string[]> onWorker = [.. job.DecideGroups(exact, [group]), .. job.DecideGroups(near, [group])];

        onWorker[0].Should().Equal(GroupRows.Decide((GroupedStep)job.Udf.Rows.Pipeline.Steps[exact], members));
        onWorker[1].Should().Equal(GroupRows.Decide((GroupedStep)job.Udf.Rows.Pipeline.Steps[near], members));
        // Exact dedup keeps the earliest (b, 1) and drops the rest; near dedup links the earliest to each other member.
        onWorker[0].Select(Verdict).Should().BeEquivalentTo([("drop", "b", 2L), ("drop", "\uFF61", 0L), ("drop", "\U0001F600", 5L)]);
        onWorker[1].Select(Verdict).Should().Equal(("link", "b", 1L), ("link", "b", 1L), ("link", "b", 1L));
    }

    [SkippableFact]
    public void Input_file_udf_on_the_worker_reads_every_format_as_the_driver_side_reader()
    {
        SkipUnlessInstalled();
        using var job = new JobOnWorker(BooksSource.SourceName, new RunConfig());
        string book = TestData.Book("pg1342.txt");
        string gzipped = job.Scratch.Combine("pg1342.txt.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(gzipped), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(book));
        }

        string truncated = job.Scratch.Combine("cut.jsonl.gz");
        byte[] whole = File.ReadAllBytes(gzipped);
        File.WriteAllBytes(truncated, whole[..(whole.Length / 2)]);
        string[] paths = [.. TestData.SampleBookFiles, gzipped, TestData.Fixture("books/pg19-sample.jsonl"), truncated];

        IReadOnlyList<string[]> onWorker = job.InputFileRows(paths);

        // The same reader on this side (InputFileUdf.Encode is compared with the local engine in SparkSeamTests).
        onWorker.Should().HaveCount(paths.Length);
        for (int i = 0; i < paths.Length; i++)
        {
            onWorker[i].Should().Equal(InputFileUdf.Encode(job.Udf.Rows, i, paths[i], File.ReadAllBytes(paths[i])), "file {0}", paths[i]);
        }

        onWorker[^1].Last().Should().Contain(SparkColumns.InputError, "a truncated file ends with its error, not a failed task");
        onWorker.Take(TestData.SampleBookFiles.Count).Should().OnlyContain(rows => rows.Length == 1);
    }

    [SkippableFact]
    public void Input_ids_udf_on_the_worker_gives_the_tokenizer_ids()
    {
        SkipUnlessInstalled();
        using var job = new JobOnWorker(BooksSource.SourceName, new RunConfig { Tokenizer = new TokenizerConfig { InputIds = true } });
        // More than one pickled batch (Spark sends 100 rows a batch): results must come back in row order.
        string[] texts = [.. TestData.SampleBookFiles.Select(File.ReadAllText), "", "Hello, world — ünïcödé", .. Enumerable.Range(0, 240).Select(i => $"line {i}: {new string('a', i % 17)} end")];

        IReadOnlyList<int[]> ids = job.InputIds(texts);

        TokenizeStep tokenize = job.Udf.Rows.Pipeline.DocumentSteps.OfType<TokenizeStep>().Single();
        ids.Should().HaveCount(texts.Length);
        for (int i = 0; i < texts.Length; i++)
        {
            ids[i].Should().Equal(tokenize.Encode(texts[i]), "text {0}", i);
        }
    }

    [SkippableFact]
    public void Udf_command_holds_the_udf_settings_not_the_driver_caches()
    {
        SkipUnlessInstalled();
        using var job = new JobOnWorker(BooksSource.SourceName, new RunConfig());

        // The driver builds the rows before registering the UDFs (Program.cs: udf.Rows.Pipeline); what it cached
        // must not travel in the command.
        _ = job.Udf.Rows;
        byte[] command = UdfCommand.Serialize<int, string, byte[], string[]>(job.Udf.FileRows);

        string text = System.Text.Encoding.UTF8.GetString(command);
        text.Should().Contain(BooksSource.SourceName).And.NotContain(nameof(SegmentRows)).And.NotContain("MetaSchema");
        job.InputFileRows([TestData.Book("pg1342.txt")]).Should().ContainSingle();
    }

    [SkippableFact]
    public void Fetch_udf_on_the_worker_downloads_listed_wet_files_through_dropped_connections_as_the_local_reader_reads_them()
    {
        SkipUnlessInstalled();
        var config = new RunConfig();
        config.Section<RedPajama.Sources.CommonCrawl.CommonCrawlConfig>().DownloadBackoffMs = 10;
        using var job = new JobOnWorker(RedPajama.Sources.CommonCrawl.CommonCrawlSource.SourceName, config);
        byte[] wet = File.ReadAllBytes(TestData.Fixture("commoncrawl/whirlwind.warc.wet.gz"));
        using var server = new FlakyHttpServer(new Dictionary<string, byte[]> { ["a.warc.wet.gz"] = wet }, r => r.RangeStart is null ? new FlakyReply(CutAfter: 1500) : new FlakyReply());

        IReadOnlyList<string[]> onWorker = job.FetchRows([server.Root + "a.warc.wet.gz", server.Root + "missing.warc.wet.gz"]);

        SegmentRows local = job.Udf.Rows;
        onWorker[0].Should().Equal(RedPajama.Spark.InputFileUdf.Encode(local, 0, server.Root + "a.warc.wet.gz", wet)).And.NotBeEmpty();
        onWorker[1].Should().ContainSingle().Which.Should().Contain("404", "a missing file is the input's error, the task goes on");
        server.Requests.Where(r => r.Path == "a.warc.wet.gz").Select(r => r.RangeStart).Should().Equal(null, 1500L);
    }

    private static void SkipUnlessInstalled()
    {
        string? missing = SparkWorkerInstall.Missing;
        Skip.If(missing is not null, missing);
    }

    private static object? AsUtf8(object? value) =>
        value is string text ? System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text)) : value;

    // A keep-all line adds the verdict ("keep") and, for a dropped document, its "drop_reason".
    private static string WithoutVerdict(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line, @", ""keep"": (true|false)|, ""drop_reason"": ""[a-z_]*""", string.Empty);

    private static (string Kind, string Path, long Record) Verdict(string json)
    {
        using var parsed = System.Text.Json.JsonDocument.Parse(json);
        System.Text.Json.JsonElement v = parsed.RootElement;
        return (v.GetProperty("kind").GetString()!, v.GetProperty("path").GetString()!, v.GetProperty("record").GetInt64());
    }
}
