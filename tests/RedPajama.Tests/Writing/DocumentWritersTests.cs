using RedPajama.Documents;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Writing;

public sealed class DocumentWritersTests
{
    [Theory]
    [InlineData(OutputFormat.Parquet)]
    [InlineData(OutputFormat.Jsonl)]
    [InlineData(OutputFormat.JsonlZst)]
    public async Task A_part_abandoned_half_way_leaves_no_file(OutputFormat format)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("part-00000" + OutputFormats.Extension(format));

        await using (IDocumentWriter writer = DocumentWriters.Create(format, path, BooksSource.Describe(new BooksOptions()), 1 << 20, keepAll: false))
        {
            for (int i = 0; i < 3; i++)
            {
                // Over the row-group budget, so the Parquet writer has flushed a row group before it is abandoned.
                await writer.WriteAsync(new Document(new OrderKey(0, i), BookMeta.Schema.Count) { Text = new string('x', 1 << 20) });
            }

            Directory.EnumerateFileSystemEntries(directory.Path).Should().ContainSingle().Which.Should().EndWith(".tmp");
        }

        Directory.EnumerateFileSystemEntries(directory.Path).Should().BeEmpty();
    }

    [Theory]
    [InlineData(OutputFormat.Parquet)]
    [InlineData(OutputFormat.Jsonl)]
    [InlineData(OutputFormat.JsonlZst)]
    public async Task A_completed_part_appears_under_its_final_name_only(OutputFormat format)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("part-00000" + OutputFormats.Extension(format));

        await using (IDocumentWriter writer = DocumentWriters.Create(format, path, BooksSource.Describe(new BooksOptions()), 1 << 20, keepAll: false))
        {
            await writer.WriteAsync(new Document(new OrderKey(0, 0), BookMeta.Schema.Count) { Text = "one" });
            await writer.CompleteAsync();
            writer.Rows.Should().Be(1);
        }

        Directory.EnumerateFileSystemEntries(directory.Path).Should().Equal(path);
    }
}
