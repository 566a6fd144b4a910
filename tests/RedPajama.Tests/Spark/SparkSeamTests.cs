using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Books;
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
    private static readonly PipelineDescription Books = SourceCatalog.Describe(BooksSource.Name, new RunConfig());

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

        RunStatistics spark = SimulateSparkJob(InputResolver.Resolve([inputs], BooksReader.Accepts).Files);

        spark.Read.Should().Be(local.Read);
        spark.Written.Should().Be(local.Written);
        spark.Dropped.Should().BeEquivalentTo(local.Dropped);
        spark.Steps.Select(s => (s.Name, s.In, s.Kept)).Should().Equal(local.Steps.Select(s => (s.Name, s.In, s.Kept)));
        spark.IsBalanced.Should().BeTrue();
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

    /// <summary>What SparkPipelineJob does, with LINQ in place of DataFrames.</summary>
    private static RunStatistics SimulateSparkJob(IReadOnlyList<InputFile> files)
    {
        var codec = new DocumentRowCodec(Books);
        var rows = new List<(string Path, object?[] Row)>();
        foreach (InputFile file in files)
        {
            if (file.Path.EndsWith(".txt", StringComparison.Ordinal))
            {
                rows.Add((file.Path, codec.FromFile(file.Path, File.ReadAllBytes(file.Path)).Single()));
            }
            else
            {
                long line = 0;
                foreach (string value in File.ReadLines(file.Path).Where(l => l.Trim().Length > 0))
                {
                    rows.Add((file.Path, codec.FromJsonLine(line++, value)));
                }
            }
        }

        // row_number() over (partition by key_0 order by path, record) > 1 → dropped by the keyed step.
        KeyedStep dedup = Books.KeyedSteps.Single();
        foreach (var group in rows.Where(r => r.Row[3] is null && r.Row[4] is not null)
                     .GroupBy(r => (string)r.Row[4]!))
        {
            foreach (var loser in group.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => (long)r.Row[0]!).Skip(1))
            {
                loser.Row[2] = dedup.Name;
                loser.Row[3] = dedup.DropReason;
            }
        }

        return RunStatistics.FromDropCounts("books", "spark", Books.StepNames,
            rows.GroupBy(r => ((string?)r.Row[2], (string?)r.Row[3])).Select(g => new DropCount(g.Key.Item1, g.Key.Item2, g.Count())));
    }

    private static string JsonLine(DocumentRowCodec codec, object?[] row)
    {
        var document = new RedPajama.Documents.Document(new RedPajama.Documents.OrderKey(0, 0), Books.Meta.Count) { Text = (string)row[1]! };
        Array.Copy(row, codec.MetaOffset, document.Meta, 0, Books.Meta.Count);
        var line = new System.Text.StringBuilder();
        JsonlDocumentWriter.Format(line, document, Books.Meta, Books.JsonLayout);
        return line.ToString();
    }
}
