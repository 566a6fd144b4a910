using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Sources.Github;
using RedPajama.Sources.Github.Repositories;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources.Github;

/// <summary>
/// <c>redpajama run github</c> over hostile repository inputs (<c>fixtures/github-repos/bad</c>, written by
/// <c>make_bad.py</c>): every bad member a counted skip with its reason, every unreadable archive an input error, the
/// accounting balanced, and nothing read or written outside the repository and the output.
/// </summary>
public sealed class GithubRepositoryInputTests
{
    [Fact]
    public async Task Hostile_archives_and_files_are_counted_skips_and_input_errors_never_a_crash()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("bad");
        CopyDirectory(TestData.Fixture("github-repos/bad"), input);

        (int code, string stdout, string stderr) = await CliRun.Invoke(["run", "github", "--input", input, "--output", directory.Combine("out"), "--format", "jsonl"]);

        code.Should().Be(ExitCodes.InputErrors, "the truncated archives cannot be read: {0}", stderr);
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        JsonElement root = stats.RootElement;
        root.GetProperty("is_balanced").GetBoolean().Should().BeTrue();
        Dictionary<string, long> dropped = root.GetProperty("dropped").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        dropped.Should().Contain(new Dictionary<string, long>
        {
            [RepositorySkipReasons.UnsafePath] = 9,      // 3 in the tarball, 6 in the zip (../, /abs, C:, ..\)
            [RepositorySkipReasons.Symlink] = 2,
            [RepositorySkipReasons.HardLink] = 2,
            [RepositorySkipReasons.SpecialFile] = 1,     // the FIFO
            [RepositorySkipReasons.Binary] = 2,          // a NUL in git's 8000-byte window; one at 8000 is text
            [RepositorySkipReasons.NotUtf8] = 3,         // Latin-1, an overlong form, a CESU-8 surrogate
            [RepositorySkipReasons.TooLarge] = 2,        // the bombs whose headers say 20 MiB
            [RepositorySkipReasons.Corrupt] = 1,         // the bomb whose headers claim 14 bytes
        });
        root.GetProperty("input_errors").EnumerateArray().Select(e => Path.GetFileName(e.GetProperty("path").GetString()))
            .Should().BeEquivalentTo("evil__truncated.tar.gz", "evil__truncated.zip");
        stderr.Should().Contain("file '../escape.txt': unsafe_path");
        stdout.Should().Contain("wrote 0", "no repository has a licence");

        // Nothing escaped: the only files are the inputs and the output.
        Directory.EnumerateFileSystemEntries(directory.Path).Select(Path.GetFileName).Should().BeEquivalentTo("bad", "out");
        File.Exists("/etc/evil").Should().BeFalse();
    }

    [Fact]
    public async Task A_100_MB_file_is_skipped_unread_and_a_link_out_of_the_repository_is_never_followed()
    {
        using var directory = new TemporaryDirectory();
        string repository = directory.Combine("repos", "octo__big");
        Directory.CreateDirectory(Path.Combine(repository, "src"));
        File.Copy(TestData.Fixture("github-repos/repos/feross__ieee754/LICENSE"), Path.Combine(repository, "LICENSE"));
        File.Copy(TestData.Fixture("github-repos/repos/feross__ieee754/index.d.ts"), Path.Combine(repository, "src", "index.d.ts"));
        using (FileStream big = File.Create(Path.Combine(repository, "blob.c")))
        {
            big.SetLength(100L << 20);
        }

        File.WriteAllText(directory.Combine("secret.d.ts"), "export const secret: number;\n");
        File.CreateSymbolicLink(Path.Combine(repository, "src", "secret.d.ts"), directory.Combine("secret.d.ts"));

        (int code, string stdout, string stderr) = await CliRun.Invoke(["run", "github", "--input", directory.Combine("repos"), "--output", directory.Combine("out"), "--format", "jsonl", "--keep-all"]);

        code.Should().Be(ExitCodes.Success, stderr);
        stdout.Should().Contain("read 4 documents");
        string[] lines = File.ReadAllLines(directory.Combine("out", "part-00000.jsonl"));
        lines.Should().NotContain(l => l.Contains("secret: number", StringComparison.Ordinal));
        Reasons(lines).Should().Equal(("LICENSE", "root_license"), ("blob.c", RepositorySkipReasons.TooLarge), ("src/index.d.ts", null), ("src/secret.d.ts", RepositorySkipReasons.Symlink));
    }

    [Fact]
    public void A_driver_that_cannot_see_its_inputs_gets_the_repository_columns_from_detect_license()
    {
        var config = new RedPajama.Configuration.RunConfig();
        config.Section<GithubConfig>().DetectLicense = true;

        RedPajama.Pipeline.PipelineDescription pipeline = RedPajama.Sources.SourceCatalog.Describe(GithubSource.SourceName, config);

        pipeline.Meta.Fields.Select(f => f.Name).Should().ContainInOrder(RepositoryColumns.All.Select(f => f.Name));
        pipeline.Steps[0].Should().BeOfType<GithubRepositoryLicenseStep>();
    }

    private static IEnumerable<(string Path, string? Reason)> Reasons(IEnumerable<string> lines) =>
        lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => (r.GetProperty("meta").GetProperty("path").GetString()!, r.TryGetProperty("drop_reason", out JsonElement reason) ? reason.GetString() : null));

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
