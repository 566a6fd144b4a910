using Parquet;
using Parquet.Schema;
using RedPajama.Documents;
using RedPajama.Engine;
using RedPajama.Reading;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Reading;

public sealed class ParquetRowReaderTests
{
    [Fact]
    public async Task Pg19_parquet_rows_read_like_their_jsonl_form()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("pg19.parquet");
        List<Document> fromJsonl = ReadJsonl(TestData.Fixture("books/pg19-sample.jsonl"));
        // The layout of the Hugging Face pg19 Parquet files: int32 publication_date, string columns.
        var title = new DataField<string>("short_book_title", true);
        var date = new DataField<int?>("publication_date", true);
        var url = new DataField<string>("url", true);
        var text = new DataField<string>("text", true);
        await using (FileStream file = File.Create(path))
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(title, date, url, text), file))
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync(title, fromJsonl.Select(d => (string?)d.Meta[0]).ToArray()!);
            await group.WriteAsync<int>(date, fromJsonl.Select(d => (int?)(long?)d.Meta[1]).ToArray());
            await group.WriteAsync(url, fromJsonl.Select(d => (string?)d.Meta[2]).ToArray()!);
            await group.WriteAsync(text, fromJsonl.Select(d => d.Text).ToArray());
        }

        using FileStream content = File.OpenRead(path);
        List<Document> fromParquet = new ParquetRowReader().Read(new InputFile(0, path, content.Length), content, BookMeta.Schema).ToList();

        fromParquet.Select(d => d.Text).Should().Equal(fromJsonl.Select(d => d.Text));
        fromParquet.Select(d => d.Meta).Should().BeEquivalentTo(fromJsonl.Select(d => d.Meta), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Our_own_parquet_output_reads_back_as_books_input()
    {
        using var directory = new TemporaryDirectory();
        // Gutenberg, PG-19 and Books3 rows together: every meta column has nulls in different rows.
        RunStatistics first = BooksRun.Run([TestData.SampleBooks, TestData.Fixture("books")], directory.Combine("first"));

        RunStatistics second = BooksRun.Run([directory.Combine("first", "part-00000.parquet")], directory.Combine("second"));

        second.Written.Should().Be(first.Written);
        File.ReadAllBytes(directory.Combine("second", "part-00000.parquet"))
            .Should().Equal(File.ReadAllBytes(directory.Combine("first", "part-00000.parquet")));
    }

    [Fact]
    public void A_corrupt_parquet_file_is_an_input_error_not_a_crash()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("broken.parquet");
        File.WriteAllText(path, "PAR1 this is not really parquet");

        RunStatistics statistics = BooksRun.Run([path, TestData.Book("1952-0.txt")], directory.Combine("out"));

        statistics.InputErrors.Should().ContainSingle(e => e.Path == path);
        statistics.Written.Should().Be(1);
    }

    private static List<Document> ReadJsonl(string path)
    {
        using FileStream content = File.OpenRead(path);
        return new JsonlRowReader(1 << 20).Read(new InputFile(0, path, content.Length), content, BookMeta.Schema).ToList();
    }
}
