using System.IO.Compression;
using System.Text;
using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Reading;

public sealed class JsonlRowReaderTests
{
    private static readonly MetaSchema Meta = BookMeta.Schema;

    [Fact]
    public void Pg19_rows_keep_every_field_but_text_as_meta()
    {
        List<Document> documents = Read(TestData.Fixture("books/pg19-sample.jsonl"));

        documents.Should().HaveCount(3);
        documents.Select(d => d.Order.Record).Should().Equal(0, 1, 2);
        documents[0].Meta[Meta.Require(BookMeta.ShortBookTitle)].Should().Be("The Yellow Wallpaper");
        documents[0].Meta[Meta.Require(BookMeta.PublicationDate)].Should().Be(1892L);
        documents[0].Meta[Meta.Require(BookMeta.Url)].Should().Be("http://www.gutenberg.org/ebooks/1952");
        documents[0].Meta[Meta.Require(BookMeta.Title)].Should().BeNull();
        documents[0].Text.Should().StartWith("It is very seldom");
    }

    [Fact]
    public void Books3_rows_have_a_title()
    {
        List<Document> documents = Read(TestData.Fixture("books/books3-layout-sample.jsonl"));

        documents.Select(d => d.Meta[Meta.Require(BookMeta.Title)]).Should().Equal("Candide, chapitre premier", "Alice, chapter I");
        documents.Should().OnlyContain(d => d.Meta[Meta.Require(BookMeta.ShortBookTitle)] == null && !d.IsDropped);
    }

    [Theory]
    [InlineData(".gz")]
    [InlineData(".zst")]
    public void Compressed_files_read_the_same_rows(string extension)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("pg19.jsonl" + extension);
        byte[] plain = File.ReadAllBytes(TestData.Fixture("books/pg19-sample.jsonl"));
        using (FileStream file = File.Create(path))
        using (Stream compressor = extension == ".gz" ? new GZipStream(file, CompressionLevel.Fastest) : new ZstdSharp.CompressionStream(file))
        {
            compressor.Write(plain);
        }

        Read(path).Select(d => d.Text).Should().Equal(Read(TestData.Fixture("books/pg19-sample.jsonl")).Select(d => d.Text));
    }

    [Fact]
    public void Bad_lines_are_yielded_dropped_with_their_reason_and_blank_lines_skipped()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("bad.jsonl");
        File.WriteAllText(path, "{\"text\": \"ok\", \"publication_date\": \"1901\"}\r\n\n   \n{\"text\": 5}\n{\"title\": \"x\"}\n{\"text\": \"a\"} trailing\n{\"text\": \"no end\"");

        List<Document> documents = Read(path);

        documents.Select(d => d.DropReason).Should().Equal(null, "missing_text", "missing_text", "malformed_json", "malformed_json");
        documents[0].Meta[Meta.Require(BookMeta.PublicationDate)].Should().Be(1901L, "a numeric string is coerced to the field's integer type");
        documents.Select(d => d.Order.Record).Should().Equal(0, 1, 2, 3, 4);
    }

    [Fact]
    public void Over_long_lines_are_dropped_without_buffering_them_and_reading_goes_on()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("long.jsonl");
        File.WriteAllText(path, "{\"text\": \"" + new string('a', 300_000) + "\"}\n{\"text\": \"short\"}\n");

        var reader = new JsonlRowReader(maxLineBytes: 100_000);
        using FileStream content = File.OpenRead(path);
        List<Document> documents = reader.Read(new InputFile(0, path, content.Length), content, Meta).ToList();

        documents.Select(d => d.DropReason).Should().Equal("too_large", null);
        documents[1].Text.Should().Be("short");
    }

    private static List<Document> Read(string path)
    {
        var reader = new JsonlRowReader(1 << 20);
        using FileStream content = File.OpenRead(path);
        return reader.Read(new InputFile(0, path, content.Length), content, Meta).ToList();
    }
}
