using RedPajama.Configuration;
using RedPajama.Tests.Dedup;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Books;
using RedPajama.Sources.Documents;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Spark;

/// <summary>
/// The Spark job cannot run here (no JVM Spark), so its logic is covered where it lives: the row codec its UDFs call
/// and the accounting its group-by feeds. Simulating the job's keyed shuffle over the codec's rows must give the
/// local engine's answer on the same input.
/// </summary>
public sealed class SparkSeamTests
{
    private static readonly PipelineDescription Books = SourceCatalog.Describe(BooksSource.SourceName, new RunConfig());

    [Fact]
    public void Udf_rows_carry_the_same_text_and_meta_as_the_local_engine()
    {
        using var directory = new TemporaryDirectory();
        BooksRun.Run([TestData.SampleBooks], directory.Combine("out"), new LocalEngineOptions { Format = OutputFormat.Jsonl }, tokenizer: new TokenizerConfig());
        string[] local = File.ReadAllLines(directory.Combine("out", "part-00000.jsonl"));
        var rows = new SegmentRows(Books);

        string[] fromUdf = TestData.SampleBookFiles
            .Select(path => rows.ReadFile(0, path, File.ReadAllBytes(path)).Rows.Single())
            .Select(row => JsonLine(rows, row))
            .ToArray();

        fromUdf.Should().Equal(local);
    }

    [Fact]
    public void Simulated_spark_job_gives_the_local_engine_accounting()
    {
        using var directory = new TemporaryDirectory();
        string inputs = TestData.CopySampleBooks(directory.Combine("in"));

        File.Copy(TestData.Book("pg1342.txt"), Path.Combine(inputs, "again-pg1342.txt"));
        File.WriteAllText(Path.Combine(inputs, "notes.txt"), "not a book");
        File.WriteAllBytes(Path.Combine(inputs, "empty.txt"), []);
        File.Copy(TestData.Fixture("books/pg19-sample.jsonl"), Path.Combine(inputs, "pg19.jsonl"));
        File.WriteAllText(Path.Combine(inputs, "zz.jsonl"), "{\"title\": \"t\", \"text\": \"x\"}\nnot json\n\n{\"title\": \"t2\", \"text\": \"x\"}\n");
        RunStatistics local = BooksRun.Run([inputs], directory.Combine("out"), tokenizer: new TokenizerConfig(), quality: new QualityConfig());

        RunStatistics spark = SimulateSparkJob(Books, InputResolver.Resolve([inputs], BooksReader.Accepts).Files, out _, out _);

        spark.Read.Should().Be(local.Read);
        spark.Written.Should().Be(local.Written);
        spark.Dropped.Should().BeEquivalentTo(local.Dropped);
        spark.Steps.Select(s => (s.Name, s.In, s.Kept)).Should().Equal(local.Steps.Select(s => (s.Name, s.In, s.Kept)));
        spark.IsBalanced.Should().BeTrue();
    }

    [Fact]
    public void Simulated_spark_near_dedup_drops_the_same_document_as_the_local_engine()
    {
        using var directory = new TemporaryDirectory();
        string inputs = EditedBookCopy.SampleBooksWithCopy(directory);
        File.Copy(TestData.Book("pg1342.txt"), Path.Combine(inputs, "again-pg1342.txt"));
        var config = new RunConfig { Dedup = new DedupConfig { NearThreshold = 0.8 }, Tokenizer = new TokenizerConfig { TokenCount = false } };
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, config);
        string output = directory.Combine("out");
        RunStatistics local = BooksRun.Run([inputs], output, new LocalEngineOptions { Format = OutputFormat.Jsonl, KeepAll = true }, tokenizer: config.Tokenizer, quality: config.Quality, dedup: config.Dedup);

        RunStatistics spark = SimulateSparkJob(pipeline, InputResolver.Resolve([inputs], BooksReader.Accepts).Files, out List<string> sparkDropped, out long[] sparkClusters);

        spark.Steps.Select(s => (s.Name, s.In, s.Kept)).Should().Equal(local.Steps.Select(s => (s.Name, s.In, s.Kept)));
        spark.Dropped.Should().BeEquivalentTo(new Dictionary<string, long> { ["duplicate"] = 1, ["near_duplicate"] = 1 });
        string[] localDropped = [.. File.ReadAllLines(Path.Combine(output, "part-00000.jsonl")).Where(l => l.Contains("\"keep\": false", StringComparison.Ordinal))];
        localDropped.Should().HaveCount(2);
        // "again-pg1342.txt" sorts before "pg1342.txt", so the sample file is the later copy of the two.
        sparkDropped.Should().BeEquivalentTo(["pg1342.txt: duplicate", "zz-holmes-reedited.txt: near_duplicate"]);
        localDropped.Should().ContainSingle(l => l.Contains("Baker-Street", StringComparison.Ordinal) && l.Contains("near_duplicate", StringComparison.Ordinal));

        // cluster_id as the Spark job numbers it (per-file offsets in input order plus the record) equals the local one.
        long[] localClusters = [.. File.ReadAllLines(Path.Combine(output, "part-00000.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("cluster_id").GetInt64())];
        sparkClusters.Should().Equal(localClusters);
    }

    [Theory]
    [InlineData("minhash", false)]
    [InlineData("minhash", true)]
    [InlineData("simhash", false)]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_books_with_exact_and_near_dedup(string method, bool verify)
    {
        using var directory = new TemporaryDirectory();
        string inputs = EditedBookCopy.SampleBooksWithCopy(directory);
        File.Copy(TestData.Book("pg1342.txt"), Path.Combine(inputs, "again-pg1342.txt"));
        File.Copy(TestData.Fixture("books/pg19-sample.jsonl"), Path.Combine(inputs, "pg19.jsonl"));
        // SimHash and verified MinHash decide from payloads (fingerprints, shingle sets), which Spark carries in its entries.
        var dedup = new DedupConfig { Method = method, NearThreshold = 0.8, Verify = verify };
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, new RunConfig { Dedup = dedup, Tokenizer = new TokenizerConfig { TokenCount = false } });

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, InputResolver.Resolve([inputs], BooksReader.Accepts).Files, directory.Combine("out"));

        SameLines(spark, local);
        local.Should().Contain(l => l.Contains("\"keep\": false", StringComparison.Ordinal));
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_books_with_an_editing_grouped_step(bool editingStepLast)
    {
        using var directory = new TemporaryDirectory();
        string inputs = SharedLineBooks(directory);
        PipelineDescription books = SourceCatalog.Describe(BooksSource.SourceName, new RunConfig { Dedup = new DedupConfig { NearThreshold = 0.8 }, Quality = new QualityConfig() });
        // Line dedup where a recipe puts it: after the source's own steps, before quality, tokenizer and dedup (a second
        // segment); or last, so that a pass only applies its edits.
        PipelineDescription pipeline = editingStepLast ? books.Append(new SharedLinesStep())
            : books with { Steps = [.. books.Steps.Take(3), new SharedLinesStep(), .. books.Steps.Skip(3)] };
        pipeline.Segments.Should().HaveCount(editingStepLast ? 1 : 2);

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, InputResolver.Resolve([inputs], BooksReader.Accepts).Files, directory.Combine("out"));

        SameLines(spark, local);
        localStatistics.Dropped.Should().ContainKey(SharedLinesStep.EmptiedReason, "one book is made only of shared lines");
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
        sparkStatistics.Steps.Select(s => (s.Name, s.Dropped.Values.Sum())).Should().Equal(localStatistics.Steps.Select(s => (s.Name, s.Dropped.Values.Sum())),
            "a document an edit drops is counted under the grouped step on both engines");
        local.Where(l => l.Contains("\"keep\": true", StringComparison.Ordinal)).Should().NotContain(l => l.Contains("shared preface line", StringComparison.Ordinal), "shared lines were removed");
    }

    [Fact]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_documents_with_an_editing_grouped_step()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("docs.jsonl");
        string[] shared = ["Cookie policy: we use cookies.", "Subscribe to our newsletter!"];
        File.WriteAllLines(input, Enumerable.Range(0, 12).Select(i => System.Text.Json.JsonSerializer.Serialize(new
        {
            text = string.Join('\n', i % 3 == 0 ? [shared[0], $"Article {i} body line one.", shared[1]] : i == 5 ? [shared[1], shared[0]] : [$"Only article {i % 4}.", "Same line twice.", "Same line twice."]),
            meta = new { url = $"https://example.com/{i}", id = i },
        })));
        var config = new RunConfig();
        SourceCatalog.InferFromFirstInput(DocumentsSource.SourceName, config, input);
        PipelineDescription documents = SourceCatalog.Describe(DocumentsSource.SourceName, config);
        PipelineDescription pipeline = documents with { Steps = [new SharedLinesStep(), .. documents.Steps] };

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, InputResolver.Resolve([input], DocumentsReader.Accepts).Files, directory.Combine("out"));

        SameLines(spark, local);
        localStatistics.Dropped.Should().ContainKey(SharedLinesStep.EmptiedReason);
        local.Should().Contain(l => l.StartsWith("{\"text\": \"Article 0 body line one.\"", StringComparison.Ordinal), "the shared lines were cut from a kept document");
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("input")]
    public void Simulated_spark_job_gives_the_local_engine_rows_with_ccnet_line_dedup(string scope)
    {
        using var directory = new TemporaryDirectory();
        string inputs = SharedLineBooks(directory);
        File.WriteAllLines(Path.Combine(inputs, "more.jsonl"), new[] { "shared preface line\nA book in another file.", "A book in another file.\nshared closing line\nOnly here." }
            .Select((text, i) => System.Text.Json.JsonSerializer.Serialize(new { title = $"more {i}", text })));
        var config = new RunConfig { LineDedup = new LineDedupConfig { Enabled = true, Scope = scope }, Dedup = new DedupConfig { NearThreshold = 0.8 } };
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, config);
        pipeline.GroupedSteps.Should().Contain(s => s is RedPajama.Steps.CcnetLineDedupStep);
        pipeline.Segments.Should().HaveCount(2, "line dedup edits, so the steps after it run in a second pass");

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, InputResolver.Resolve([inputs], BooksReader.Accepts).Files, directory.Combine("out"));

        SameLines(spark, local);
        if (scope == "run")
        {
            localStatistics.Steps.Single(s => s.Name == "line_dedup").Dropped.Should().NotBeEmpty();
        }

        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
        sparkStatistics.Steps.Select(s => (s.Name, s.Dropped.Values.Sum())).Should().Equal(localStatistics.Steps.Select(s => (s.Name, s.Dropped.Values.Sum())));
    }

    [Fact]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_documents_with_ccnet_line_dedup()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("docs.jsonl");
        string[] shared = ["Cookie policy: we use cookies.", "Subscribe to our newsletter!"];
        File.WriteAllLines(input, Enumerable.Range(0, 12).Select(i => System.Text.Json.JsonSerializer.Serialize(new
        {
            text = string.Join('\n', i % 3 == 0 ? [shared[0], $"Article {i} body line one.", shared[1]] : i == 5 ? [shared[1], shared[0]] : [$"Only article {i}.", "Said twice here.", "Said twice here."]),
            meta = new { url = $"https://example.com/{i}", id = i },
        })));
        var config = new RunConfig { LineDedup = new LineDedupConfig { Enabled = true } };
        SourceCatalog.InferFromFirstInput(DocumentsSource.SourceName, config, input);
        PipelineDescription pipeline = SourceCatalog.Describe(DocumentsSource.SourceName, config);

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, InputResolver.Resolve([input], DocumentsReader.Accepts).Files, directory.Combine("out"));

        SameLines(spark, local);
        localStatistics.Dropped.Should().ContainKey(RedPajama.Steps.CcnetLineDedupStep.Reason);
        local.Should().Contain(l => l.Contains("Said twice here.\", ", StringComparison.Ordinal) || l.Contains("Said twice here.\"", StringComparison.Ordinal), "a document's own repeated line is kept once (Apply on every document)");
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [Fact]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_commoncrawl_with_paragraph_and_digest_dedup()
    {
        using var directory = new TemporaryDirectory();
        string shards = directory.Combine("shards");
        Directory.CreateDirectory(shards);
        string[] quotes =
        [
            "Don't part with your illusions. When they are gone you may still exist, but you have ceased to live.",
            "Education: that which reveals to the wise, and conceals from the stupid, the vast limits of their knowledge.",
            "Facts are stubborn things, but statistics are more pliable. Fiction is obliged to stick to possibilities.",
        ];
        // Names, not numbers: cc_net's normalisation turns every digit into 0.
        string[] names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"];
        string[] Page(int i) => [$"Page {names[i]} opens with its own words, written for this page alone.", .. quotes.Select(q => $"{q} ({names[i]})"), "Cookie policy: we use cookies.", $"Page {names[i]} ends here."];
        WetFile.Write(Path.Combine(shards, "a.warc.wet"),
            new WetFile.Record("http://a.example/0", "sha1:XXXX", "A", Page(0)),
            new WetFile.Record("http://a.example/1", "sha1:YYYY", "B", Page(1)),
            new WetFile.Record("http://a.example/2", "sha1:ZZZZ", "C", Page(2)));
        WetFile.Write(Path.Combine(shards, "b.warc.wet"),
            new WetFile.Record("http://b.example/0", "sha1:XXXX", "D", Page(3)),
            new WetFile.Record("http://a.example/1", "sha1:YYYY", "E", Page(4)),
            new WetFile.Record("http://a.example/2", "sha1:XXXX", "F", Page(5)),
            new WetFile.Record("http://b.example/3", "sha1:ZZZZ", "G", Page(6)));
        // Unpartitioned and every field written, so that the comparison reads the local part files and sees every field.
        PipelineDescription pipeline = SourceCatalog.Describe(RedPajama.Sources.CommonCrawl.CommonCrawlSource.SourceName, new RunConfig()) with { PartitionBy = [], WrittenMeta = null };

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, InputResolver.Resolve([shards], RedPajama.Sources.CommonCrawl.WetReader.Accepts).Files, directory.Combine("out"));

        SameLines(spark, local);
        string[] kept = [.. local.Where(l => l.EndsWith("\"keep\": true}", StringComparison.Ordinal))];
        kept.Should().HaveCount(5).And.OnlyContain(l => !l.Contains("Cookie policy", StringComparison.Ordinal), "the shared line goes from every page");
        localStatistics.Dropped.Should().ContainKey(RedPajama.Sources.CommonCrawl.KeptUrlStep.Reason);
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [Fact]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_c4()
    {
        using var directory = new TemporaryDirectory();
        var config = new RunConfig { Quality = new QualityConfig { Signals = false }, Tokenizer = new TokenizerConfig { TokenCount = false } };
        PipelineDescription pipeline = SourceCatalog.Describe(RedPajama.Sources.C4.C4Source.SourceName, config);
        string input = TestData.Fixture("c4/c4-train.00000-of-01024.json.gz");

        IReadOnlyList<InputFile> files = InputResolver.Resolve([input], SourceCatalog.InputFilter(RedPajama.Sources.C4.C4Source.SourceName)).Files;
        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, files, directory.Combine("out"));

        // Spark's strings are UTF-8: a lone surrogate escape becomes U+FFFD there; the local engine, which writes c4
        // without a UTF-8 spill, keeps it as c4_reformat.py does.
        SameLines(spark, [.. local.Select(l => l.Replace("lone surrogate \\ud800", "lone surrogate \\ufffd", StringComparison.Ordinal))]);
        local.Should().HaveCount(21);
        local.Where(l => !l.Contains("\"drop_reason\": \"duplicate_key\"", StringComparison.Ordinal)).Should().HaveCount(20)
            .And.OnlyContain(l => l.Contains("\"language\": \"en\", \"source\": \"c4\"", StringComparison.Ordinal));
        Directory.GetFiles(directory.Combine("out"), "*.jsonl").Select(Path.GetFileName).Should().Equal("c4-train.00000-of-01024.jsonl");
        // The Spark job writes Parquet under the same names (the moves themselves: the next test).
        RedPajama.Spark.Plan.SparkJobPlan.Describe(pipeline, keepAll: true, files).Stages.OfType<RedPajama.Spark.Plan.RenamePartsStage>().Single().Names.Values
            .Should().Equal(Directory.GetFiles(directory.Combine("out"), "*.jsonl").Select(f => Path.ChangeExtension(Path.GetFileName(f), ".parquet")));
        sparkStatistics.Read.Should().Be(localStatistics.Read);
    }

    [Fact]
    public async Task Simulated_spark_job_names_each_c4_part_after_its_input_as_the_local_engine_does()
    {
        using var directory = new TemporaryDirectory();
        var config = new RunConfig { Quality = new QualityConfig { Signals = false }, Tokenizer = new TokenizerConfig { TokenCount = false } };
        PipelineDescription pipeline = SourceCatalog.Describe(RedPajama.Sources.C4.C4Source.SourceName, config);
        // Two inputs of different rows; Spark's task numbers below run against input order.
        string inputs = directory.Combine("in");
        Directory.CreateDirectory(inputs);
        File.Copy(TestData.Fixture("c4/c4-train.00000-of-01024.json.gz"), Path.Combine(inputs, "c4-train.00000-of-01024.json.gz"));
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(Path.Combine(inputs, "c4-validation.00000-of-00008.json.gz")), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write("{\"text\":\"a validation page\",\"timestamp\":\"2019-04-25T12:57:54Z\",\"url\":\"https://example.com/v\"}\n"u8);
        }

        IReadOnlyList<InputFile> files = InputResolver.Resolve([inputs], SourceCatalog.InputFilter(RedPajama.Sources.C4.C4Source.SourceName)).Files;
        string local = directory.Combine("local");
        await new LocalEngine(new LocalEngineOptions { Format = OutputFormat.Jsonl, KeepAll = true }).RunAsync(pipeline, files, local);
        string localParquet = directory.Combine("local-parquet");
        await new LocalEngine(new LocalEngineOptions { KeepAll = true }).RunAsync(pipeline, files, localParquet);

        // The job's write: each input's rows in Spark's partitionBy(_rp_input) layout, task numbers in reverse input
        // order; then the plan's rename stage on the driver.
        SimulateSparkJob(pipeline, files, out _, out long[] clusterIds, out var finalRows);
        string[] lines = KeepAllLines(pipeline, finalRows, clusterIds);
        var rows = new SegmentRows(pipeline);
        string spark = directory.Combine("spark");
        foreach (var input in finalRows.Select((r, i) => (Input: (long)rows.Get(r.Row, SegmentRows.InputColumn)!, Line: lines[i])).GroupBy(r => r.Input))
        {
            SparkNamedPartsTests.Stage(spark, (int)input.Key, $"part-{files.Count - input.Key:D5}-1e.c000.zstd.parquet", string.Concat(input.Select(r => r.Line + "\n")));
        }

        RedPajama.Spark.Plan.RenamePartsStage rename = RedPajama.Spark.Plan.SparkJobPlan.Describe(pipeline, keepAll: true, files).Stages.OfType<RedPajama.Spark.Plan.RenamePartsStage>().Single();
        RedPajama.Spark.NamedPartsCommit.Commit(new LocalOutputFileSystem(), spark, rename, new Dictionary<int, long>(), () => throw new InvalidOperationException("every input has rows"));

        string[] sparkNames = [.. Directory.GetFileSystemEntries(spark).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        sparkNames.Should().Equal("c4-train.00000-of-01024.parquet", "c4-validation.00000-of-00008.parquet");
        sparkNames.Should().Equal(Directory.GetFiles(localParquet, "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal), "the Spark job's names are the local engine's");
        foreach (string name in sparkNames)
        {
            // Each file holds its own input's rows.
            string[] localLines = File.ReadAllLines(Path.Combine(local, Path.ChangeExtension(name, ".jsonl")));
            SameLines(File.ReadAllLines(Path.Combine(spark, name)), [.. localLines.Select(l => l.Replace("lone surrogate \\ud800", "lone surrogate \\ufffd", StringComparison.Ordinal))]);
        }
    }

    [Theory]
    [InlineData("lines")]
    [InlineData("spans")]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_c4_clean(string dedup)
    {
        using var directory = new TemporaryDirectory();
        var config = new RunConfig();
        var section = config.Section<RedPajama.Sources.C4Clean.C4CleanConfig>();
        section.Dedup = dedup;
        section.Language = "en";
        section.MinLanguageProbability = 0.9;
        // Unpartitioned and every field written, so that the comparison reads the local part files and sees every field.
        PipelineDescription pipeline = SourceCatalog.Describe(RedPajama.Sources.C4Clean.C4CleanSource.SourceName, config) with { PartitionBy = [], WrittenMeta = null };
        string[] inputs = [.. File.ReadAllLines(TestData.Fixture("c4-clean/inputs.txt")).Select(f => TestData.Fixture(Path.Combine("c4-clean", f)))];

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, InputResolver.Resolve(inputs, RedPajama.Sources.CommonCrawl.WetReader.Accepts).Files, directory.Combine("out"));

        SameLines(spark, local);
        localStatistics.Dropped.Should().ContainKeys(RedPajama.Udfs.C4.TfdsDropReasons.DuplicateUrl, RedPajama.Udfs.C4.TfdsDropReasons.BadWord, RedPajama.LanguageId.LanguageIdStep.OtherLanguageReason);
        localStatistics.Dropped.Should().ContainKey(dedup == "lines" ? RedPajama.Udfs.C4.TfdsDropReasons.DedupedPageEmpty : RedPajama.Udfs.C4.TfdsDropReasons.DedupedTooFewSentences);
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [Fact]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_github()
    {
        using var directory = new TemporaryDirectory();
        string input = TestData.Fixture("github/github-rows.jsonl.gz");
        var config = new RunConfig();
        SourceCatalog.InferFromFirstInput(RedPajama.Sources.Github.GithubSource.SourceName, config, input);
        PipelineDescription pipeline = SourceCatalog.Describe(RedPajama.Sources.Github.GithubSource.SourceName, config);

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, InputResolver.Resolve([input], SourceCatalog.InputFilter(RedPajama.Sources.Github.GithubSource.SourceName)).Files, directory.Combine("out"));

        SameLines(spark, local);
        localStatistics.Dropped.Should().ContainKeys(RedPajama.Steps.ExactDedupStep.Reason, RedPajama.Sources.Github.GithubLicenseStep.NotPermissive, RedPajama.Udfs.Code.GithubFileFilter.AlphaPerToken);
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [Fact]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_github_repositories()
    {
        // Folders are listed and read by path, archives are binaryFile rows; the licence is a group per repository.
        using var directory = new TemporaryDirectory();
        string input = TestData.Fixture("github-repos/repos");
        InputResolution resolution = InputResolver.Resolve([input], SourceCatalog.InputOptions(RedPajama.Sources.Github.GithubSource.SourceName, new RunConfig()));
        var config = new RunConfig();
        SourceCatalog.InferFromFirstInput(RedPajama.Sources.Github.GithubSource.SourceName, config, resolution.Files[0].Path);
        PipelineDescription pipeline = SourceCatalog.Describe(RedPajama.Sources.Github.GithubSource.SourceName, config);

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, resolution.Files, directory.Combine("out"));

        SameLines(spark, local);
        localStatistics.Dropped.Should().ContainKeys(RedPajama.Sources.Github.GithubLicenseStep.NotPermissive, RedPajama.Sources.Github.GithubLicenseStep.NoLicense, RedPajama.Steps.ExactDedupStep.Reason);
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [Fact]
    public void Simulated_spark_job_gives_the_local_engine_rows_for_wikipedia()
    {
        using var directory = new TemporaryDirectory();
        string source = RedPajama.Sources.Wikipedia.WikipediaSource.SourceName;
        IReadOnlyList<InputFile> files = InputResolver.Resolve([TestData.Fixture("wikipedia-dumps")], SourceCatalog.InputOptions(source, new RunConfig())).Files;
        PipelineDescription pipeline = SourceCatalog.Describe(source, new RunConfig());

        var (local, spark, localStatistics, sparkStatistics) = CompareWithLocal(pipeline, files, directory.Combine("out"));

        SameLines(spark, local);
        localStatistics.Dropped.Should().ContainKeys(RedPajama.Sources.Wikipedia.Reading.WikipediaDropReasons.Redirect, RedPajama.Sources.Wikipedia.Reading.WikipediaDropReasons.NotArticle);
        sparkStatistics.Dropped.Should().BeEquivalentTo(localStatistics.Dropped);
    }

    [Fact]
    public void Accounting_from_drop_counts_follows_the_order_of_steps()
    {
        RunStatistics statistics = RunStatistics.FromDropCounts("books", "spark", ["read", "clean", "dedup"],
        [
            new DropCount(null, null, 10),
            new DropCount("read", "malformed_json", 2),
            new DropCount("clean", "empty", 3),
            new DropCount("dedup", "duplicate", 1),
        ]);

        statistics.Read.Should().Be(16);
        statistics.Written.Should().Be(10);
        statistics.Steps.Select(s => (s.In, s.Kept)).Should().Equal((16, 14), (14, 11), (11, 10));
        statistics.IsBalanced.Should().BeTrue();
    }

    [Fact]
    public void Accounting_with_measured_read_and_written_shows_a_lost_record_as_unbalanced()
    {
        DropCount[] counts = [new(null, null, 10), new("read", "malformed_json", 2), new("clean", "empty", 3), new("dedup", "duplicate", 1)];

        RunStatistics balanced = RunStatistics.FromDropCounts("books", "spark", ["read", "clean", "dedup"], counts, read: 16, written: 10);
        RunStatistics lostInWrite = RunStatistics.FromDropCounts("books", "spark", ["read", "clean", "dedup"], counts, read: 16, written: 9);
        RunStatistics lostAfterRead = RunStatistics.FromDropCounts("books", "spark", ["read", "clean", "dedup"], counts, read: 17, written: 10);

        balanced.IsBalanced.Should().BeTrue();
        balanced.Steps.Select(s => (s.In, s.Kept)).Should().Equal((16, 14), (14, 11), (11, 10));
        lostInWrite.IsBalanced.Should().BeFalse("a kept document missing from the output is a lost record");
        lostInWrite.Written.Should().Be(9);
        lostAfterRead.IsBalanced.Should().BeFalse("a record read but absent from the group-by is a lost record");
        lostAfterRead.Steps[0].In.Should().Be(17);
    }

    [Fact]
    public void Meta_fields_named_path_and_record_do_not_collide_with_engine_columns()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("github.jsonl");
        File.WriteAllText(input,
            "{\"text\": \"int main() { return 0; }\", \"meta\": {\"path\": \"src/main.c\", \"record\": 7, \"dropped_by\": \"x\", \"key_0\": \"y\"}}\n");
        var config = new RunConfig();
        SourceCatalog.InferFromFirstInput(DocumentsSource.SourceName, config, input);
        PipelineDescription pipeline = SourceCatalog.Describe(DocumentsSource.SourceName, config);
        var rows = new SegmentRows(pipeline);

        object?[] row = rows.ReadFile(0, input, File.ReadAllBytes(input)).Rows.Single();

        string[] names = [.. rows.Columns.Select(c => c.Name).Concat(RedPajama.Spark.SparkColumns.All)];
        names.Should().OnlyHaveUniqueItems("a meta field must not replace an engine column in the flat Spark row");
        string[] meta = [.. pipeline.Meta.Fields.Select(f => f.Name)];
        meta.Should().Contain(["path", "record", "dropped_by", "key_0"]);
        rows.Columns.Select(c => c.Name).Except(meta).Except(RedPajama.Udfs.Quality.SignalCatalog.DocumentSignals.Select(d => d.Name)).Concat(RedPajama.Spark.SparkColumns.All)
            .Should().OnlyContain(n => n.StartsWith(SegmentRows.ReservedPrefix, StringComparison.Ordinal));
        rows.Get(row, "path").Should().Be("src/main.c");
        rows.Get(row, "record").Should().Be(7L);
        rows.Get(row, SegmentRows.RecordColumn).Should().Be(0L, "the engine's record is the line's index, not the meta field");
    }

    [Fact]
    public void Too_large_books_and_json_lines_are_dropped_and_counted_as_in_the_local_engine()
    {
        using var directory = new TemporaryDirectory();
        string inputs = TestData.CopySampleBooks(directory.Combine("in"));
        File.WriteAllText(Path.Combine(inputs, "huge.txt"), new string('x', (1 << 20) + 10));
        File.WriteAllText(Path.Combine(inputs, "rows.jsonl"), $"{{\"title\": \"short\", \"text\": \"a short book\"}}\n{{\"title\": \"long\", \"text\": \"{new string('y', 5000)}\"}}\n");
        var books = new BooksOptions { Limits = ReadLimits.Default with { MaxRecordBytes = 1 << 20, MaxLineBytes = 4096 } };
        RunStatistics local = BooksRun.Run([inputs], directory.Combine("out"), books: books, tokenizer: new TokenizerConfig(), quality: new QualityConfig());
        PipelineDescription pipeline = RedPajama.Tokenization.PipelineTokenization.AddTo(RedPajama.Quality.PipelineQuality.AddTo(BooksSource.Describe(books), new QualityConfig()), new TokenizerConfig());

        RunStatistics spark = SimulateSparkJob(pipeline, InputResolver.Resolve([inputs], BooksReader.Accepts).Files, out _, out _);

        local.Dropped.Should().Contain(ReadDropReasons.TooLarge, 2);
        spark.Dropped.Should().BeEquivalentTo(local.Dropped);
        spark.Steps.Select(s => (s.Name, s.In, s.Kept)).Should().Equal(local.Steps.Select(s => (s.Name, s.In, s.Kept)));
    }

    [Fact]
    public void Compressed_inputs_are_read_by_the_udf_as_by_the_local_engine()
    {
        using var directory = new TemporaryDirectory();
        string inputs = directory.Combine("in");
        Directory.CreateDirectory(inputs);
        byte[] book = File.ReadAllBytes(TestData.Book("pg1342.txt"));
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(Path.Combine(inputs, "pg1342.txt.gz")), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(book);
        }

        using (FileStream zstdFile = File.Create(Path.Combine(inputs, "pg19.jsonl.zst")))
        using (var zstd = new ZstdSharp.CompressionStream(zstdFile))
        {
            zstd.Write(File.ReadAllBytes(TestData.Fixture("books/pg19-sample.jsonl")));
        }

        RunStatistics local = BooksRun.Run([inputs], directory.Combine("out"), tokenizer: new TokenizerConfig(), quality: new QualityConfig());

        RunStatistics spark = SimulateSparkJob(Books, InputResolver.Resolve([inputs], BooksReader.Accepts).Files, out _, out _);

        local.Read.Should().BeGreaterThan(1);
        spark.Read.Should().Be(local.Read);
        spark.Written.Should().Be(local.Written);
        spark.InputErrors.Should().BeEmpty();
    }

    [Fact]
    public void A_truncated_gzip_is_an_input_error_with_the_records_read_before_it_not_a_failed_task()
    {
        using var directory = new TemporaryDirectory();
        string inputs = directory.Combine("in");
        Directory.CreateDirectory(inputs);
        string[] lines = [.. Enumerable.Range(0, 400).Select(i => $"{{\"title\": \"t{i}\", \"text\": \"book {i} {new string('a', 200 + i)}\"}}")];
        TruncatedGzip.Write(Path.Combine(inputs, "pg19.jsonl.gz"), lines, cut: 200);
        RunStatistics local = BooksRun.Run([inputs], directory.Combine("out"), tokenizer: new TokenizerConfig(), quality: new QualityConfig());
        string file = InputResolver.Resolve([inputs], BooksReader.Accepts).Files.Single().Path;
        var rows = new SegmentRows(Books);

        string[] elements = RedPajama.Spark.InputFileUdf.Encode(rows, 0, file, File.ReadAllBytes(file));
        RunStatistics spark = SimulateSparkJob(Books, InputResolver.Resolve([inputs], BooksReader.Accepts).Files, out _, out _);

        local.InputErrors.Should().ContainSingle();
        spark.InputErrors.Should().Equal(local.InputErrors);
        spark.Read.Should().Be(local.Read).And.Be(local.InputErrors[0].RecordsRead);
        using var last = System.Text.Json.JsonDocument.Parse(elements[^1]);
        last.RootElement.GetProperty(RedPajama.Spark.SparkColumns.InputError).GetString().Should().Be(local.InputErrors[0].Error);
        last.RootElement.GetProperty(RedPajama.Spark.SparkColumns.RecordsRead).GetInt64().Should().Be(local.InputErrors[0].RecordsRead);
        elements.Should().HaveCount((int)local.Read + 1, "one element per record read, then the failure");
    }

    [Fact]
    public void Udf_elements_are_the_codec_rows_as_json_keyed_by_column()
    {
        var rows = new SegmentRows(Books);
        string path = TestData.Book("pg1342.txt");

        string element = RedPajama.Spark.InputFileUdf.Encode(rows, 0, path, File.ReadAllBytes(path)).Single();

        object?[] row = rows.ReadFile(0, path, File.ReadAllBytes(path)).Rows.Single();
        using var json = System.Text.Json.JsonDocument.Parse(element);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(rows.Columns.Select(c => c.Name));
        json.RootElement.GetProperty(SegmentRows.TextColumn).GetString().Should().Be((string)rows.Get(row, SegmentRows.TextColumn)!);
        rows.FromJson(element).Should().Equal(row, "from_json gives the row back");
        json.RootElement.GetProperty(SegmentRows.RecordColumn).GetInt64().Should().Be(0);
    }

    // Equal lines, or the first difference in a message short enough to read (a line is a whole book).
    internal static void SameLines(string[] spark, string[] local)
    {
        for (int i = 0; i < Math.Min(spark.Length, local.Length); i++)
        {
            if (spark[i] != local[i])
            {
                int at = spark[i].Zip(local[i]).TakeWhile(p => p.First == p.Second).Count();
                string Near(string line) => line.Substring(Math.Max(0, at - 80), Math.Min(line.Length - Math.Max(0, at - 80), 240));
                Assert.Fail($"line {i} differs at {at}:\nspark: …{Near(spark[i])}\nlocal: …{Near(local[i])}\nspark ends: {spark[i][^Math.Min(150, spark[i].Length)..]}\nlocal ends: {local[i][^Math.Min(150, local[i].Length)..]}");
            }
        }

        spark.Should().HaveSameCount(local);
    }

    // The sample books plus two short books that share lines with each other and with a third made only of them.
    private static string SharedLineBooks(TemporaryDirectory directory)
    {
        string inputs = TestData.CopySampleBooks(directory.Combine("in"));
        string[] books =
        [
            "shared preface line\nA first book of its own.\nIt ends here.\nshared closing line",
            "shared preface line\nA second book, different.\nshared closing line\nshared closing line",
            "shared closing line\n\nshared preface line",
        ];
        File.WriteAllLines(Path.Combine(inputs, "shared.jsonl"), books.Select((text, i) => System.Text.Json.JsonSerializer.Serialize(new { title = $"book {i}", text })));
        File.Copy(TestData.Book("pg1342.txt"), Path.Combine(inputs, "again-pg1342.txt"));
        return inputs;
    }

    /// <summary>What SparkPipelineJob does, with LINQ in place of DataFrames; also names the dropped files.</summary>
    private static RunStatistics SimulateSparkJob(PipelineDescription pipeline, IReadOnlyList<InputFile> files, out List<string> dropped, out long[] clusterIds) =>
        SimulateSparkJob(pipeline, files, out dropped, out clusterIds, out _);

    /// <summary>The simulated job with its UDFs run in this process.</summary>
    internal static RunStatistics SimulateSparkJob(PipelineDescription pipeline, IReadOnlyList<InputFile> files, out List<string> dropped, out long[] clusterIds, out List<(string Path, object?[] Row)> finalRows) =>
        SimulateSparkJob(pipeline, files, new InProcessJobUdfs(new SegmentRows(pipeline)), out dropped, out clusterIds, out finalRows);

    /// <summary>
    /// What SparkPipelineJob does, with LINQ in place of DataFrames, calling what its UDFs call (<see cref="SegmentRows"/>,
    /// <see cref="GroupRows"/>) on the strings they get; gives every row, in (input, record) order, and its cluster id.
    /// </summary>
    internal static RunStatistics SimulateSparkJob(PipelineDescription pipeline, IReadOnlyList<InputFile> files, IJobUdfs udfs, out List<string> dropped, out long[] clusterIds, out List<(string Path, object?[] Row)> finalRows)
    {
        var labels = new Dictionary<Node, Node>();
        var rows = new SegmentRows(pipeline);
        var documents = new List<(string Path, object?[] Row)>();
        var inputErrors = new List<InputError>();
        // The job's inputs: a file the reader splits is its ranges, each read by path (SparkJobPlan.SplitInputs).
        files = RedPajama.Spark.Plan.SparkJobPlan.SplitInputs(pipeline, files);
        IReadOnlyList<string[]> elements = udfs.FileRows(files);
        for (int f = 0; f < files.Count; f++)
        {
            // binaryFile row → explode(FileRows(path, content)) → from_json; the failure element is an input error.
            foreach (string element in elements[f])
            {
                using var json = System.Text.Json.JsonDocument.Parse(element);
                if (json.RootElement.TryGetProperty(RedPajama.Spark.SparkColumns.InputError, out var error))
                {
                    inputErrors.Add(new InputError(files[f].Name, error.GetString()!, json.RootElement.GetProperty(RedPajama.Spark.SparkColumns.RecordsRead).GetInt64()));
                }
                else
                {
                    documents.Add((files[f].Name, rows.FromJson(element)));
                }
            }
        }

        Dictionary<Node, string> edits = [];
        for (int pass = 0; pass < rows.Passes.Count; pass++)
        {
            PipelineSegment segment = rows.Passes[pass];
            if (pass > 0)
            {
                // PassStage: kept rows (left join with their edits) → to_json → ApplyPass → from_json; dropped ones bypass.
                int[] kept = [.. Enumerable.Range(0, documents.Count).Where(i => rows.Get(documents[i].Row, SegmentRows.DropReasonColumn) is null)];
                IReadOnlyList<string> applied = udfs.ApplyPass(pass, [.. kept.Select(i => (rows.ToJson(documents[i].Row), edits.GetValueOrDefault(NodeOf(rows, documents[i].Row))))]);
                for (int k = 0; k < kept.Length; k++)
                {
                    documents[kept[k]] = (documents[kept[k]].Path, rows.FromJson(applied[k]));
                }

                edits = [];
            }

            for (int g = 0; g < segment.GroupedSteps.Count; g++)
            {
                GroupedStep step = segment.GroupedSteps[g];
                int stepIndex = segment.FirstGroupedStep + g;
                string entriesColumn = SegmentRows.EntriesColumn(stepIndex);

                // posexplode(split(entries, ' ')) of kept rows → group by key → collect_list(to_json(member)) → size ≥ 2.
                var members = documents
                    .Where(d => rows.Get(d.Row, SegmentRows.DropReasonColumn) is null && rows.Get(d.Row, entriesColumn) is not null)
                    .SelectMany(d => ((string)rows.Get(d.Row, entriesColumn)!).Split(' ').Select((entry, position) =>
                    {
                        int colon = entry.IndexOf(':', StringComparison.Ordinal);
                        return (Key: colon < 0 ? entry : entry[..colon], Member: GroupRows.MemberJson(d.Path, (long)rows.Get(d.Row, SegmentRows.InputColumn)!, (long)rows.Get(d.Row, SegmentRows.RecordColumn)!, position, colon < 0 ? null : entry[(colon + 1)..]));
                    }));
                // collect_list has no order: the UDF must sort, so hand it the members reversed.
                string[] groups = [.. members.GroupBy(m => m.Key)
                    .Where(group => step.DecidesSingletons || group.Count() >= 2)
                    .Select(group => string.Join('\n', group.Select(m => m.Member).Reverse()))];
                List<Verdict> verdicts = [.. udfs.DecideGroups(stepIndex, groups).SelectMany(v => v).Select(Verdict.Parse)];

                HashSet<Node> losers = [.. verdicts.Where(v => v.Kind == GroupRows.Drop).Select(v => v.Node)];
                if (step.LinksDocuments)
                {
                    labels = StarContraction.Components(verdicts.Where(v => v.Kind == GroupRows.Link).Select(v => (v.Node, v.Other)), out _);
                    losers.UnionWith(labels.Where(p => p.Key.CompareTo(p.Value) != 0).Select(p => p.Key));
                }

                foreach ((_, object?[] row) in documents)
                {
                    if (rows.Get(row, SegmentRows.DropReasonColumn) is null && losers.Contains(NodeOf(rows, row)))
                    {
                        rows.Set(row, SegmentRows.DroppedByColumn, step.Name);
                        rows.Set(row, SegmentRows.DropReasonColumn, step.DropReason);
                    }
                }

                if (step.EditsDocuments)
                {
                    edits = verdicts.Where(v => v.Kind == GroupRows.Edit).GroupBy(v => v.Node)
                        .ToDictionary(e => e.Key, e => string.Join(' ', e.Select(v => GroupRows.EditText(v.Entry, v.Value ?? string.Empty))));
                }
            }
        }

        // NumberClusters: rows per input, offsets in input order, a node's number = its input's offset + its record.
        var offsets = new Dictionary<long, long>();
        long total = 0;
        foreach (var file in documents.GroupBy(r => NodeOf(rows, r.Row).Input).OrderBy(g => g.Key))
        {
            offsets[file.Key] = total;
            total += file.Count();
        }

        finalRows = [.. documents.OrderBy(d => NodeOf(rows, d.Row))];
        clusterIds = [.. finalRows.Select(r => NodeOf(rows, r.Row)).Select(n => labels.TryGetValue(n, out Node root) ? offsets[root.Input] + root.Record : offsets[n.Input] + n.Record)];
        dropped = [.. documents.Where(r => pipeline.GroupedSteps.Any(s => s.Name == (string?)rows.Get(r.Row, SegmentRows.DroppedByColumn))).Select(r => $"{Path.GetFileName(r.Path)}: {rows.Get(r.Row, SegmentRows.DropReasonColumn)}")];
        RunStatistics statistics = RunStatistics.FromDropCounts("books", "spark", pipeline.StepNames,
            documents.GroupBy(r => ((string?)rows.Get(r.Row, SegmentRows.DroppedByColumn), (string?)rows.Get(r.Row, SegmentRows.DropReasonColumn))).Select(g => new DropCount(g.Key.Item1, g.Key.Item2, g.Count())),
            read: documents.Count, written: documents.Count(r => rows.Get(r.Row, SegmentRows.DropReasonColumn) is null));
        statistics.InputErrors.AddRange(inputErrors);
        return statistics;
    }

    /// <summary>The local engine's keep-all JSON lines and the simulated Spark job's rows formatted by the same writer.</summary>
    internal static (string[] Local, string[] Spark, RunStatistics LocalStatistics, RunStatistics SparkStatistics) CompareWithLocal(PipelineDescription pipeline, IReadOnlyList<InputFile> files, string output, IJobUdfs? udfs = null)
    {
        var engine = new LocalEngine(new LocalEngineOptions { Format = OutputFormat.Jsonl, KeepAll = true });
        RunStatistics local = engine.RunAsync(pipeline, files, output).GetAwaiter().GetResult();
        // Spark rows carry the document signals as columns, not the line-signal spans: the lines are compared
        // without the quality_signals object (its document values are checked against the columns below).
        string[] withSignals = [.. Directory.GetFiles(output, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines)];
        string[] localLines = [.. withSignals.Select(l => System.Text.RegularExpressions.Regex.Replace(l, @", ""quality_signals"": \{[^{}]*\}", string.Empty))];
        RunStatistics spark = SimulateSparkJob(pipeline, files, udfs ?? new InProcessJobUdfs(new SegmentRows(pipeline)), out _, out long[] clusters, out var rowsOut);
        if (pipeline.WritesSignals)
        {
            var rows = new SegmentRows(pipeline);
            for (int i = 0; i < withSignals.Length; i++)
            {
                using var line = System.Text.Json.JsonDocument.Parse(withSignals[i]);
                if (!line.RootElement.TryGetProperty("quality_signals", out var signals))
                {
                    continue;
                }

                foreach (var definition in RedPajama.Udfs.Quality.SignalCatalog.DocumentSignals)
                {
                    var value = signals.GetProperty(definition.Name)[0][2];
                    object? column = rows.Get(rowsOut[i].Row, definition.Name);
                    (value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : (object?)value.GetDouble())
                        .Should().Be(column is null ? null : Convert.ToDouble(column, System.Globalization.CultureInfo.InvariantCulture), "signal {0} of line {1}", definition.Name, i);
                }
            }
        }

        return (localLines, KeepAllLines(pipeline, rowsOut, clusters), local, spark);
    }

    /// <summary>Simulated rows in (input, record) order as the local engine's keep-all JSON-lines writer formats them.</summary>
    internal static string[] KeepAllLines(PipelineDescription pipeline, List<(string Path, object?[] Row)> rowsInOrder, long[] clusterIds)
    {
        var rows = new SegmentRows(pipeline);
        return [.. rowsInOrder.Select((r, i) => KeepAllLine(rows, r.Row, pipeline.WritesClusterIds ? clusterIds[i] : null))];
    }

    private static string KeepAllLine(SegmentRows rows, object?[] row, long? clusterId)
    {
        PipelineDescription pipeline = rows.Pipeline;
        var document = new RedPajama.Documents.Document(new RedPajama.Documents.OrderKey(0, 0), pipeline.Meta.Count)
        {
            Text = (string)rows.Get(row, SegmentRows.TextColumn)!,
            ClusterId = clusterId,
        };
        for (int f = 0; f < pipeline.Meta.Count; f++)
        {
            document.Meta[f] = rows.Get(row, pipeline.Meta.Fields[f].Name);
        }

        if (rows.Get(row, SegmentRows.DropReasonColumn) is string reason)
        {
            document.Drop(reason);
        }

        var line = new System.Text.StringBuilder();
        // The fields the job writes (SparkPipelineJob projects meta on ResolveOutput's written fields).
        JsonlDocumentWriter.Format(line, document, pipeline.ResolveOutput(), keepAll: true);
        return line.ToString();
    }

    private static Node NodeOf(SegmentRows rows, object?[] row) => new((long)rows.Get(row, SegmentRows.InputColumn)!, (long)rows.Get(row, SegmentRows.RecordColumn)!);

    /// <summary>One verdict of DecideGroup, as from_json parses it.</summary>
    private sealed record Verdict(string Kind, Node Node, int Entry, string? Value, Node Other)
    {
        public static Verdict Parse(string json)
        {
            using var parsed = System.Text.Json.JsonDocument.Parse(json);
            System.Text.Json.JsonElement v = parsed.RootElement;
            string? Text(string name) => v.TryGetProperty(name, out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String ? p.GetString() : null;
            long Number(string name) => v.TryGetProperty(name, out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Number ? p.GetInt64() : -1;
            return new Verdict(Text("kind")!, new Node(Number("input"), Number("record")), (int)Number("entry"), Text("value"), new Node(Number("input_b"), Number("record_b")));
        }
    }

    /// <summary>Spark's struct(input, record) ordering: the input index, then the record.</summary>
    internal readonly record struct Node(long Input, long Record) : IComparable<Node>
    {
        public int CompareTo(Node other)
        {
            int byInput = Input.CompareTo(other.Input);
            return byInput != 0 ? byInput : Record.CompareTo(other.Record);
        }
    }

    /// <summary>A UDF row as the local engine's JSON-lines writer formats the document (also used by the worker tests).</summary>
    internal static string JsonLine(SegmentRows rows, object?[] row)
    {
        PipelineDescription pipeline = rows.Pipeline;
        var document = new RedPajama.Documents.Document(new RedPajama.Documents.OrderKey(0, 0), pipeline.Meta.Count) { Text = (string)rows.Get(row, SegmentRows.TextColumn)! };
        for (int f = 0; f < pipeline.Meta.Count; f++)
        {
            document.Meta[f] = rows.Get(row, pipeline.Meta.Fields[f].Name);
        }

        var line = new System.Text.StringBuilder();
        JsonlDocumentWriter.Format(line, document, pipeline.Meta, pipeline.JsonLayout);
        return line.ToString();
    }
}
