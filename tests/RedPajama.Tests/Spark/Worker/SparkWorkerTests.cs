using RedPajama.Configuration;
using RedPajama.Engine.Local;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Sources;
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
    public void Whole_file_udf_on_the_worker_gives_the_local_engine_documents()
    {
        SkipUnlessInstalled();
        using var job = new JobOnWorker(BooksSource.SourceName, new RunConfig());
        BooksRun.Run([TestData.SampleBooks], job.Scratch.Combine("out"), new LocalEngineOptions { Format = OutputFormat.Jsonl }, tokenizer: new TokenizerConfig());
        string[] local = File.ReadAllLines(job.Scratch.Combine("out", "part-00000.jsonl"));

        IReadOnlyList<object?[]> rows = job.FromWholeFile(TestData.SampleBookFiles);

        rows.Select(r => SparkSeamTests.JsonLine(job.Udf.Codec, job.Typed(r))).Should().Equal(local);
        CodecRows(job.Udf.Codec, TestData.SampleBookFiles).Should().BeEquivalentTo(rows.Select(job.Typed), o => o.WithStrictOrdering());
    }

    [SkippableFact]
    public void Json_line_udf_on_the_worker_gives_the_local_engine_pg19_documents()
    {
        SkipUnlessInstalled();
        using var job = new JobOnWorker(BooksSource.SourceName, new RunConfig());
        string pg19 = TestData.Fixture("books/pg19-sample.jsonl");
        // Keep-all: the sample's second copy of a book is dropped by dedup, a keyed step the job runs as a shuffle
        // after the UDF; the UDF row is the document before it, which is the local line without its verdict.
        BooksRun.Run([pg19], job.Scratch.Combine("out"), new LocalEngineOptions { Format = OutputFormat.Jsonl, KeepAll = true }, tokenizer: new TokenizerConfig());
        string[] local = [.. File.ReadLines(job.Scratch.Combine("out", "part-00000.jsonl")).Select(WithoutVerdict)];
        string[] lines = [.. File.ReadLines(pg19).Where(l => l.Trim().Length > 0)];

        IReadOnlyList<object?[]> rows = job.FromJsonLine(lines);

        rows.Should().OnlyContain(r => r[3] == null, "no per-document step drops these");
        rows.Select(r => SparkSeamTests.JsonLine(job.Udf.Codec, job.Typed(r))).Should().Equal(local);
        rows.Select(job.Typed).Should().BeEquivalentTo(lines.Select((l, i) => job.Udf.Codec.FromJsonLine(i, l)), o => o.WithStrictOrdering());
    }

    [SkippableFact]
    public void Json_line_udf_on_the_worker_reads_documents_source_rows_with_language_id()
    {
        SkipUnlessInstalled();
        string input = TestData.Fixture("quality/documents.jsonl");
        var config = new RunConfig { Lid = new LanguageIdConfig { Enabled = true } };
        SourceCatalog.InferFromFirstInput(DocumentsSource.SourceName, config, input);
        using var job = new JobOnWorker(DocumentsSource.SourceName, config);
        string[] lines = [.. File.ReadLines(input).Where(l => l.Trim().Length > 0)];

        IReadOnlyList<object?[]> rows = job.FromJsonLine(lines);

        var local = new DocumentRowCodec(SourceCatalog.Describe(DocumentsSource.SourceName, RunConfigLoader.Parse(RunConfigLoader.ToYaml(config))));
        rows.Should().HaveCount(lines.Length);
        // The rows cross to the JVM as pickled UTF-8, where a lone surrogate (the fixture has one, from a JSON
        // escape) becomes U+FFFD, as it does in any UTF-8 output of the local engine.
        rows.Select(job.Typed).Should().BeEquivalentTo(lines.Select((l, i) => local.FromJsonLine(i, l).Select(AsUtf8).ToArray()), o => o.WithStrictOrdering());
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
            onWorker[i].Should().Equal(InputFileUdf.Encode(job.Udf.Codec, paths[i], File.ReadAllBytes(paths[i])), "file {0}", paths[i]);
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

        TokenizeStep tokenize = job.Udf.Codec.Pipeline.DocumentSteps.OfType<TokenizeStep>().Single();
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

        // The driver builds the codec before registering the UDFs (Program.cs: udf.Codec.Pipeline); what it cached
        // must not travel in the command.
        _ = job.Udf.Codec;
        byte[] command = UdfCommand.Serialize<long, string, Microsoft.Spark.Sql.Row>(job.Udf.FromJsonLine);

        string text = System.Text.Encoding.UTF8.GetString(command);
        text.Should().Contain(BooksSource.SourceName).And.NotContain(nameof(DocumentRowCodec)).And.NotContain("MetaSchema");
        job.FromJsonLine([File.ReadLines(TestData.Fixture("books/pg19-sample.jsonl")).First()]).Should().ContainSingle();
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

    private static IEnumerable<object?[]> CodecRows(DocumentRowCodec codec, IEnumerable<string> files) =>
        files.Select(path => codec.FromFile(path, File.ReadAllBytes(path)).Single());
}
