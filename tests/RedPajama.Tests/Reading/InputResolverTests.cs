using RedPajama.Reading;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Reading;

public sealed class InputResolverTests
{
    [Fact]
    public void Directories_globs_and_files_resolve_to_one_sorted_list()
    {
        using var directory = new TemporaryDirectory();
        Directory.CreateDirectory(directory.Combine("a", "deep"));
        Directory.CreateDirectory(directory.Combine(".hidden"));
        foreach (string file in new[] { "b.txt", "a/c.txt", "a/deep/d.jsonl.gz", "a/skip.pdf", ".hidden/e.txt", "_stats.json", "a/.f.txt" })
        {
            File.WriteAllText(directory.Combine(file.Split('/')), "x");
        }

        InputResolution all = InputResolver.Resolve([directory.Path, directory.Combine("b.txt")], BooksReader.Accepts);
        InputResolution glob = InputResolver.Resolve([directory.Combine("**", "*.txt")], BooksReader.Accepts);

        all.Files.Select(f => Path.GetRelativePath(directory.Path, f.Path)).Should().Equal("a/c.txt", "a/deep/d.jsonl.gz", "b.txt");
        all.Files.Select(f => f.Index).Should().Equal(0, 1, 2);
        glob.Files.Select(f => Path.GetRelativePath(directory.Path, f.Path)).Should().Equal("a/c.txt", "b.txt");
        all.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Names_that_match_nothing_are_reported()
    {
        using var directory = new TemporaryDirectory();

        InputResolution resolution = InputResolver.Resolve([directory.Combine("missing.txt"), directory.Combine("*.jsonl"), directory.Path], BooksReader.Accepts);

        resolution.Files.Should().BeEmpty();
        resolution.Problems.Select(p => p.Error).Should().Equal("does not exist", "pattern matches no file", "directory holds no files this source reads");
        resolution.Problems[0].Path.Should().EndWith("missing.txt");
    }
}
