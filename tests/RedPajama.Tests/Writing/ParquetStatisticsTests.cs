using System.Text;
using RedPajama.Documents;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Writing;

/// <summary>
/// Parquet footers must not hold documents: min/max statistics of <c>text</c> would copy the smallest and largest
/// document into every row group's metadata (Parquet.Net wrote them four times: a 1.8 MB sample became a 4.7 MB part).
/// DuckDB's <c>parquet_metadata</c> is the independent reader of the footer.
/// </summary>
public sealed class ParquetStatisticsTests
{
    [Fact]
    public async Task The_samples_part_is_smaller_than_their_text()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");

        (int code, _, string stderr) = await CliRun.Invoke("run", "books", "--input", TestData.SampleBooks, "--output", output);

        code.Should().Be(0, stderr);
        long textBytes = TestData.SampleBookFiles.Sum(f => new FileInfo(f).Length);
        long partBytes = new FileInfo(Path.Combine(output, "part-00000.parquet")).Length;
        partBytes.Should().BeLessThan(textBytes, "the text compresses and no footer statistic copies a document");
    }

    [Fact]
    public async Task The_text_column_has_no_statistics_while_short_meta_columns_keep_theirs()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("part-00000.parquet");
        var meta = new MetaSchema([new MetaField("title", MetaType.Text), new MetaField("summary", MetaType.Text)]);
        string longSummary = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"word{i}"));
        await using (var writer = new ParquetDocumentWriter(path, meta, 1 << 20, keepAll: false))
        {
            foreach (string title in (string[])["b", "a", "c"])
            {
                var document = new Document(new OrderKey(0, 0), meta.Count) { Text = Book(title) };
                document.Meta[0] = title;
                document.Meta[1] = longSummary;
                await writer.WriteAsync(document);
            }

            await writer.CompleteAsync();
        }

        Dictionary<string, object?[]> columns = DuckDb.Query($"SELECT path_in_schema, stats_min_value, stats_max_value FROM parquet_metadata('{path}')")
            .ToDictionary(r => (string)r[0]!, r => r);
        columns["text"][1].Should().BeNull();
        columns["text"][2].Should().BeNull();
        columns["meta, title"][1].Should().Be("a");
        columns["meta, title"][2].Should().Be("c");
        columns["meta, summary"][1].Should().BeNull("a statistic over 4 KiB is left out, as parquet-mr does");
        DuckDb.Query($"SELECT meta.title, length(text) FROM '{path}' ORDER BY meta.title").Select(r => r[0]).Should().Equal("a", "b", "c");
    }

    [Fact]
    public async Task A_large_document_adds_no_copy_of_itself_to_the_footer()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("part-00000.parquet");
        var meta = new MetaSchema([]);
        string text = Book("large", 4 << 20);
        await using (var writer = new ParquetDocumentWriter(path, meta, 1 << 20, keepAll: false))
        {
            await writer.WriteAsync(new Document(new OrderKey(0, 0), 0) { Text = text });
            await writer.CompleteAsync();
        }

        new FileInfo(path).Length.Should().BeLessThan(text.Length / 2, "compressed text and a small footer");
        DuckDb.Query($"SELECT length(text) FROM '{path}'")[0][0].Should().Be((long)text.Length);
    }

    /// <summary>Text that compresses like prose (not a repeated string, which zstd squeezes to nothing).</summary>
    private static string Book(string seed, int length = 64 << 10)
    {
        var random = new Random(seed.Sum(c => c));
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
        {
            text.Append(seed).Append(random.Next(100_000)).Append(random.Next(3) == 0 ? ".\n" : " ");
        }

        return text.ToString(0, length);
    }
}
