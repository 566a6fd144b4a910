using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Reading;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Books;
using RedPajama.Writing;

namespace RedPajama.Tests.Engine;

public sealed class LocalEngineBooksTests
{
    [Fact]
    public void Parquet_output_opens_in_duckdb_with_text_and_meta_fields()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");

        RunStatistics statistics = BooksRun.Run([TestData.SampleBooks], output);

        statistics.Written.Should().Be(5);
        string parquet = Path.Combine(output, "part-00000.parquet").Replace("'", "''", StringComparison.Ordinal);
        List<object?[]> rows = DuckDb.Query(
            $"SELECT meta.title, meta.author, meta.language, meta.url, meta.short_book_title, length(text), text FROM '{parquet}' ORDER BY meta.url");
        rows.Select(r => (string?)r[0]).Should().Equal(
            "Alice’s Adventures in Wonderland", "Pride and Prejudice", "The Adventures of Sherlock Holmes", "The Yellow Wallpaper", "Candide");
        rows.Select(r => (string?)r[1]).Should().Contain("Jane Austen").And.Contain("Voltaire");
        rows.Select(r => (string?)r[2]).Should().OnlyContain(l => l == "en" || l == "fr");
        rows.Should().OnlyContain(r => r[4] == null);
        string pride = rows.Single(r => (string?)r[0] == "Pride and Prejudice")[6]!.ToString()!;
        pride.Should().Contain("It is a truth universally acknowledged").And.EndWith("TOOKS COURT, CHANCERY LANE, LONDON.");
        List<object?[]> schema = DuckDb.Query($"SELECT typeof(meta) FROM '{parquet}' LIMIT 1");
        schema[0][0].Should().Be("STRUCT(short_book_title VARCHAR, publication_date BIGINT, url VARCHAR, title VARCHAR, author VARCHAR, \"language\" VARCHAR)");
    }

    [Fact]
    public void Output_bytes_are_identical_across_thread_counts_and_runs()
    {
        using var directory = new TemporaryDirectory();
        string[] inputs = [TestData.SampleBooks, TestData.Fixture("books")];
        var outputs = new List<string>();
        foreach (int threads in new[] { 1, 2, 2, 4 })
        {
            string output = directory.Combine($"out-{outputs.Count}");
            // Small shards give several part files, so parallel writing is exercised too.
            BooksRun.Run(inputs, output, new LocalEngineOptions { Threads = threads, ShardBytes = 400_000 });
            outputs.Add(output);
        }

        string[] reference = FilesOf(outputs[0]);
        reference.Should().Contain("part-00000.parquet").And.Contain("part-00003.parquet").And.Contain("_stats.json");
        foreach (string other in outputs.Skip(1))
        {
            FilesOf(other).Should().Equal(reference);
            foreach (string name in reference)
            {
                File.ReadAllBytes(Path.Combine(other, name)).Should().Equal(File.ReadAllBytes(Path.Combine(outputs[0], name)), name);
            }
        }
    }

    [Fact]
    public void Every_record_is_written_or_dropped_with_a_reason()
    {
        using var directory = new TemporaryDirectory();
        string inputs = TestData.CopySampleBooks(directory.Combine("in"));

        File.Copy(TestData.Book("1952-0.txt"), Path.Combine(inputs, "zz-copy-of-1952.txt"));
        File.WriteAllBytes(Path.Combine(inputs, "empty.txt"), []);
        File.WriteAllText(Path.Combine(inputs, "notes.txt"), "Shopping list\nmilk\neggs\n");
        File.WriteAllBytes(Path.Combine(inputs, "image.txt"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        File.WriteAllText(Path.Combine(inputs, "rows.jsonl"), "{\"title\": \"ok\", \"text\": \"A short book.\"}\n{not json\n{\"title\": \"no text\"}\n\n{\"title\": \"blank\", \"text\": \"   \"}\n");
        File.Copy(TestData.Fixture("books/pg19-sample.jsonl"), Path.Combine(inputs, "pg19.jsonl"));

        RunStatistics statistics = BooksRun.Run([inputs], directory.Combine("out"));

        statistics.Read.Should().Be(9 + 4 + 3);
        statistics.Written.Should().Be(5 + 1 + 2);
        statistics.Dropped.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            [BookDropReasons.EmptyFile] = 1,
            [BookDropReasons.NotGutenberg] = 1,
            [BookDropReasons.Binary] = 1,
            ["malformed_json"] = 1,
            ["missing_text"] = 1,
            ["empty"] = 1,
            ["duplicate"] = 2,
        });
        statistics.IsBalanced.Should().BeTrue();
        statistics.Steps.Should().OnlyContain(s => s.In == s.Kept + s.Dropped.Values.Sum());

        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", LocalEngine.StatisticsFileName)));
        written.RootElement.GetProperty("read").GetInt64().Should().Be(statistics.Read);
        written.RootElement.GetProperty("dropped").GetProperty("duplicate").GetInt64().Should().Be(2);
        written.RootElement.GetProperty("is_balanced").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void The_first_copy_of_a_duplicate_by_input_order_is_kept()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");

        BooksRun.Run([TestData.Fixture("books/pg19-sample.jsonl")], output, new LocalEngineOptions { Format = OutputFormat.Jsonl });

        string[] lines = File.ReadAllLines(Path.Combine(output, "part-00000.jsonl"));
        lines.Should().HaveCount(2);
        lines[0].Should().StartWith("{\"meta\": {\"short_book_title\": \"The Yellow Wallpaper\", \"publication_date\": 1892, \"url\": \"http://www.gutenberg.org/ebooks/1952\"}, \"text\": \"It is very seldom");
    }

    [Fact]
    public void Keyed_step_spilling_to_partitions_gives_the_same_result_as_in_memory()
    {
        using var directory = new TemporaryDirectory();
        string[] inputs = [TestData.SampleBooks, TestData.Fixture("books"), TestData.Book("11-0.txt")];

        RunStatistics inMemory = BooksRun.Run(inputs, directory.Combine("memory"));
        // Compressed spill files too: the spill format must not change the result.
        RunStatistics partitioned = BooksRun.Run(inputs, directory.Combine("partitioned"), new LocalEngineOptions { MemoryBytes = 100, SpillZstdLevel = 1 });

        partitioned.ToJson().Should().Be(inMemory.ToJson());
        File.ReadAllBytes(directory.Combine("partitioned", "part-00000.parquet"))
            .Should().Equal(File.ReadAllBytes(directory.Combine("memory", "part-00000.parquet")));
    }

    [Fact]
    public void Keep_all_writes_dropped_documents_with_their_reason()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");

        RunStatistics statistics = BooksRun.Run([TestData.Fixture("books/pg19-sample.jsonl")], output, new LocalEngineOptions { KeepAll = true });

        statistics.Written.Should().Be(2);
        string parquet = Path.Combine(output, "part-00000.parquet");
        DuckDb.Query($"SELECT meta.short_book_title, drop_reason FROM '{parquet}'")
            .Select(r => ((string?)r[0], (string?)r[1]))
            .Should().Equal(("The Yellow Wallpaper", null), ("Alice's Adventures in Wonderland, chapter I", null), ("The Yellow Wallpaper (second copy)", "duplicate"));
    }

    [Fact]
    public void A_truncated_gzip_input_keeps_its_complete_records_and_is_reported()
    {
        using var directory = new TemporaryDirectory();
        string gz = directory.Combine("pg19.jsonl.gz");
        using (var file = File.Create(gz))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            gzip.Write(File.ReadAllBytes(TestData.Fixture("books/pg19-sample.jsonl")));
        }

        byte[] whole = File.ReadAllBytes(gz);
        File.WriteAllBytes(gz, whole[..(whole.Length * 2 / 3)]);

        RunStatistics statistics = BooksRun.Run([gz, directory.Combine("missing.jsonl")], directory.Combine("out"));

        statistics.InputErrors.Should().HaveCount(2, string.Join("; ", statistics.InputErrors));
        statistics.InputErrors.Should().ContainSingle(e => e.Path.EndsWith("pg19.jsonl.gz", StringComparison.Ordinal) && e.RecordsRead >= 1, string.Join("; ", statistics.InputErrors));
        statistics.InputErrors.Should().ContainSingle(e => e.Path.EndsWith("missing.jsonl", StringComparison.Ordinal) && e.Error == "does not exist");
        statistics.Written.Should().BeGreaterThanOrEqualTo(1);
        statistics.IsBalanced.Should().BeTrue();
    }

    [Fact]
    public async Task A_file_that_vanishes_after_listing_is_an_input_error()
    {
        using var directory = new TemporaryDirectory();
        string gone = directory.Combine("gone.txt");
        InputFile[] inputs = [new InputFile(0, TestData.Book("1952-0.txt"), 51185), new InputFile(1, gone, 10)];

        RunStatistics statistics = await new LocalEngine(new LocalEngineOptions())
            .RunAsync(BooksSource.Describe(new BooksOptions()), inputs, directory.Combine("out"));

        statistics.InputErrors.Should().ContainSingle().Which.Path.Should().Be(gone);
        statistics.Written.Should().Be(1);
        statistics.IsBalanced.Should().BeTrue();
    }

    [Fact]
    public void Malformed_lines_are_counted_not_fatal()
    {
        using var directory = new TemporaryDirectory();
        string jsonl = directory.Combine("mixed.jsonl");
        byte[] invalidUtf8 = [.. "{\"title\": \"bad bytes\", \"text\": \"caf"u8, 0xC3, 0x28, .. "\"}\n"u8];
        File.WriteAllBytes(jsonl, [.. "{\"title\": \"good\", \"text\": \"fine\"}\n"u8, .. invalidUtf8, .. "[1, 2]\n\"just a string\"\n"u8]);

        RunStatistics statistics = BooksRun.Run([jsonl], directory.Combine("out"));

        statistics.Written.Should().Be(1);
        statistics.Dropped.Should().BeEquivalentTo(new Dictionary<string, long> { ["malformed_json"] = 3 });
    }

    [Fact]
    public void An_unwritable_output_directory_fails_with_a_clear_message()
    {
        using var directory = new TemporaryDirectory();
        string file = directory.Combine("a-file");
        File.WriteAllText(file, "x");

        Action run = () => BooksRun.Run([TestData.Book("1952-0.txt")], Path.Combine(file, "out"));

        run.Should().Throw<RunFailedException>().WithMessage("*a-file*not writable*");
    }

    [Fact]
    public void A_cancelled_run_leaves_no_part_file()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Action run = () => BooksRun.Run([TestData.SampleBooks], output, cancellationToken: cancellation.Token);

        run.Should().Throw<OperationCanceledException>();
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void A_rerun_replaces_the_previous_parts()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        BooksRun.Run([TestData.SampleBooks], output, new LocalEngineOptions { ShardBytes = 1 });
        Directory.GetFiles(output, "part-*").Should().HaveCount(5);

        BooksRun.Run([TestData.SampleBooks], output);

        Directory.GetFiles(output, "part-*").Select(Path.GetFileName).Should().Equal("part-00000.parquet");
    }

    [Fact]
    public void Jsonl_zst_output_decompresses_to_the_jsonl_output()
    {
        using var directory = new TemporaryDirectory();
        BooksRun.Run([TestData.SampleBooks], directory.Combine("plain"), new LocalEngineOptions { Format = OutputFormat.Jsonl });
        BooksRun.Run([TestData.SampleBooks], directory.Combine("zst"), new LocalEngineOptions { Format = OutputFormat.JsonlZst });

        using var decompressed = new ZstdSharp.DecompressionStream(File.OpenRead(directory.Combine("zst", "part-00000.jsonl.zst")));
        using var reader = new StreamReader(decompressed, Encoding.ASCII);
        reader.ReadToEnd().Should().Be(File.ReadAllText(directory.Combine("plain", "part-00000.jsonl")));
    }

    private static string[] FilesOf(string directory) =>
        Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
