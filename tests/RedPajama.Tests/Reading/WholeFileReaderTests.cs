using System.IO.Compression;
using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Reading;

public sealed class WholeFileReaderTests
{
    [Fact]
    public void A_gzipped_book_reads_the_same_bytes_as_the_plain_one()
    {
        using var directory = new TemporaryDirectory();
        string gz = directory.Combine("1952-0.txt.gz");
        byte[] plain = File.ReadAllBytes(TestData.Book("1952-0.txt"));
        using (FileStream file = File.Create(gz))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(plain);
        }

        Read(new WholeFileReader(1 << 20), gz).RawContent.Should().Equal(plain);
        BooksReader.Accepts(gz).Should().BeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_over_the_limit_is_dropped_as_too_large(bool compressed)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine(compressed ? "big.txt.gz" : "big.txt");
        byte[] plain = File.ReadAllBytes(TestData.Book("11-0.txt"));
        using (FileStream file = File.Create(path))
        using (Stream target = compressed ? new GZipStream(file, CompressionLevel.Fastest) : file)
        {
            target.Write(plain);
        }

        Document document = Read(new WholeFileReader(plain.Length - 1), path);

        document.DropReason.Should().Be(ReadDropReasons.TooLarge);
        document.RawContent.Should().BeNull();
    }

    private static Document Read(WholeFileReader reader, string path)
    {
        using FileStream content = File.OpenRead(path);
        return reader.Read(new InputFile(0, path, content.Length), content, BookMeta.Schema).Single();
    }
}
