using RedPajama.Configuration;
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
        var codec = new DocumentRowCodec(Books);

        string[] fromUdf = TestData.SampleBookFiles
            .Select(path => codec.FromFile(path, File.ReadAllBytes(path)).Single())
            .Select(row => JsonLine(codec, row))
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

        // cluster_id as the Spark job numbers it (per-file offsets in path order plus the record) equals the local one.
        long[] localClusters = [.. File.ReadAllLines(Path.Combine(output, "part-00000.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("cluster_id").GetInt64())];
        sparkClusters.Should().Equal(localClusters);
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
        var codec = new DocumentRowCodec(pipeline);

        object?[] row = codec.FromFile(input, File.ReadAllBytes(input)).Single();

        string[] names = [.. codec.Columns.Select(c => c.Name).Concat(RedPajama.Spark.SparkColumns.All)];
        names.Should().OnlyHaveUniqueItems("a meta field must not replace an engine column in the flat Spark row");
        string[] meta = [.. pipeline.Meta.Fields.Select(f => f.Name)];
        meta.Should().Contain(["path", "record", "dropped_by", "key_0"]);
        codec.Columns.Take(codec.MetaOffset).Select(c => c.Name).Concat(RedPajama.Spark.SparkColumns.All)
            .Should().OnlyContain(n => n.StartsWith(DocumentRowCodec.ReservedPrefix, StringComparison.Ordinal));
        row[codec.MetaOffset + Array.IndexOf(meta, "path")].Should().Be("src/main.c");
        row[codec.MetaOffset + Array.IndexOf(meta, "record")].Should().Be(7L);
        row[0].Should().Be(0L, "the engine's record is the line's index, not the meta field");
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
        var codec = new DocumentRowCodec(Books);

        string[] elements = RedPajama.Spark.InputFileUdf.Encode(codec, file, File.ReadAllBytes(file));
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
        var codec = new DocumentRowCodec(Books);
        string path = TestData.Book("pg1342.txt");

        string element = RedPajama.Spark.InputFileUdf.Encode(codec, path, File.ReadAllBytes(path)).Single();

        object?[] row = codec.ReadFile(path, File.ReadAllBytes(path)).Rows.Single();
        using var json = System.Text.Json.JsonDocument.Parse(element);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(codec.Columns.Select(c => c.Name));
        json.RootElement.GetProperty(DocumentRowCodec.TextColumn).GetString().Should().Be((string)row[1]!);
        json.RootElement.GetProperty(DocumentRowCodec.RecordColumn).GetInt64().Should().Be(0);
    }

    /// <summary>What SparkPipelineJob does, with LINQ in place of DataFrames; also names the dropped files.</summary>
    private static RunStatistics SimulateSparkJob(PipelineDescription pipeline, IReadOnlyList<InputFile> files, out List<string> dropped, out long[] clusterIds)
    {
        var labels = new Dictionary<Node, Node>();
        var codec = new DocumentRowCodec(pipeline);
        var rows = new List<(string Path, object?[] Row)>();
        var inputErrors = new List<InputError>();
        foreach (InputFile file in files)
        {
            // binaryFile row → DocumentUdf.FileRows → the codec's ReadFile: the local engine's reader on the bytes.
            FileRows read = codec.ReadFile(file.Path, File.ReadAllBytes(file.Path));
            rows.AddRange(read.Rows.Select(r => (file.Path, r)));
            if (read.Error is { } error)
            {
                inputErrors.Add(error);
            }
        }

        for (int k = 0; k < pipeline.GroupedSteps.Count; k++)
        {
            GroupedStep step = pipeline.GroupedSteps[k];
            int keyColumn = 4 + k;
            var taking = rows.Where(r => r.Row[3] is null && r.Row[keyColumn] is not null).ToList();
            IEnumerable<(string Path, object?[] Row)> losers;
            if (!step.LinksDocuments)
            {
                // row_number() over (partition by key order by path, record) > 1.
                losers = taking.GroupBy(r => (string)r.Row[keyColumn]!)
                    .SelectMany(g => g.OrderBy(r => new Node(r.Path, (long)r.Row[0]!)).Skip(1));
            }
            else
            {
                // explode(split(key, ' ')) → group by bucket, min(struct(path, record)) → edges → star contraction.
                var buckets = taking.SelectMany(r => ((string)r.Row[keyColumn]!).Split(' ').Select(bucket => (Bucket: bucket, Node: new Node(r.Path, (long)r.Row[0]!))));
                var edges = buckets.GroupBy(b => b.Bucket)
                    .SelectMany(g => g.Select(b => (b.Node, First: g.Min(x => x.Node))))
                    .Where(e => e.Node.CompareTo(e.First) != 0)
                    .Select(e => (e.Node, e.First));
                labels = RedPajama.Dedup.StarContraction.Components(edges, out _);
                HashSet<Node> losing = [.. labels.Where(p => p.Key.CompareTo(p.Value) != 0).Select(p => p.Key)];
                losers = taking.Where(r => losing.Contains(new Node(r.Path, (long)r.Row[0]!))).ToList();
            }

            foreach (var loser in losers)
            {
                loser.Row[2] = step.Name;
                loser.Row[3] = step.DropReason;
            }
        }

        // NumberClusters: rows per file, offsets in path order, a node's number = its file's offset + its record.
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var file in rows.GroupBy(r => r.Path).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            offsets[file.Key] = total;
            total += file.Count();
        }

        clusterIds = [.. rows.Select(r => new Node(r.Path, (long)r.Row[0]!)).Select(n => labels.TryGetValue(n, out Node root) ? offsets[root.Path] + root.Record : offsets[n.Path] + n.Record)];
        dropped = [.. rows.Where(r => r.Row[2] is not null && pipeline.GroupedSteps.Any(s => s.Name == (string)r.Row[2]!)).Select(r => $"{Path.GetFileName(r.Path)}: {r.Row[3]}")];
        RunStatistics statistics = RunStatistics.FromDropCounts("books", "spark", pipeline.StepNames,
            rows.GroupBy(r => ((string?)r.Row[2], (string?)r.Row[3])).Select(g => new DropCount(g.Key.Item1, g.Key.Item2, g.Count())),
            read: rows.Count, written: rows.Count(r => r.Row[3] is null));
        statistics.InputErrors.AddRange(inputErrors);
        return statistics;
    }

    /// <summary>Spark's struct(path, record) ordering: strings by ordinal (UTF-8 byte order for these names), then record.</summary>
    private readonly record struct Node(string Path, long Record) : IComparable<Node>
    {
        public int CompareTo(Node other)
        {
            int byPath = string.CompareOrdinal(Path, other.Path);
            return byPath != 0 ? byPath : Record.CompareTo(other.Record);
        }
    }

    /// <summary>A UDF row as the local engine's JSON-lines writer formats the document (also used by the worker tests).</summary>
    internal static string JsonLine(DocumentRowCodec codec, object?[] row)
    {
        PipelineDescription pipeline = codec.Pipeline;
        var document = new RedPajama.Documents.Document(new RedPajama.Documents.OrderKey(0, 0), pipeline.Meta.Count) { Text = (string)row[1]! };
        Array.Copy(row, codec.MetaOffset, document.Meta, 0, pipeline.Meta.Count);
        var line = new System.Text.StringBuilder();
        JsonlDocumentWriter.Format(line, document, pipeline.Meta, pipeline.JsonLayout);
        return line.ToString();
    }
}
