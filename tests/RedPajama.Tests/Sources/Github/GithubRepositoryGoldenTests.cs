using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources.Github;

/// <summary>
/// The github source over real repositories (<c>fixtures/github-repos</c>: ten small projects as folders, a GitHub
/// tarball and a zip; MIT, Apache-2.0, BSD-3-Clause, ISC, GPL-3.0, a BSD text licensee calls <c>other</c>, one without
/// a licence) against what GitHub's licensee 9.15.2 and RedPajama's own scripts make of the same files
/// (<c>make_golden.py</c>): the same licence per repository and every kept line byte-identical.
/// </summary>
public sealed class GithubRepositoryGoldenTests
{
    [Fact]
    public async Task Every_kept_line_is_byte_identical_to_licensee_and_the_upstream_scripts()
    {
        using var directory = new TemporaryDirectory();

        (int code, string stdout, string stderr) = await Run(directory, keepAll: false);

        code.Should().Be(ExitCodes.Success, stderr);
        string[] golden = File.ReadAllLines(TestData.Fixture("github-repos/golden-filtered.jsonl"));
        golden.Should().HaveCount(28);
        File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Should().Equal(golden);
        stdout.Should().Contain("read 83 documents").And.Contain("binary 3").And.Contain("root_license 4").And.Contain("duplicate 2");
    }

    [Fact]
    public async Task Each_repository_gets_the_licence_licensee_gives_it()
    {
        using var directory = new TemporaryDirectory();

        (int code, _, string stderr) = await Run(directory, keepAll: true);

        code.Should().Be(ExitCodes.Success, stderr);
        var licences = new Dictionary<string, (string? License, double? Confidence)>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")))
        {
            JsonElement meta = JsonDocument.Parse(line).RootElement.GetProperty("meta");
            if (meta.TryGetProperty("license", out JsonElement license))
            {
                licences[meta.GetProperty("repo_name").GetString()!] = (license.GetString(),
                    meta.TryGetProperty("license_confidence", out JsonElement confidence) && confidence.ValueKind == JsonValueKind.Number ? confidence.GetDouble() : null);
            }
        }

        var expected = File.ReadAllLines(TestData.Fixture("github-repos/golden-licenses.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("license").ValueKind != JsonValueKind.Null)
            .ToDictionary(r => r.GetProperty("repo_name").GetString()!, r => (
                (string?)r.GetProperty("license").GetString(),
                r.GetProperty("license_confidence").ValueKind == JsonValueKind.Number ? (double?)r.GetProperty("license_confidence").GetDouble() : null));
        licences.Should().BeEquivalentTo(expected, "isarray has no licence file, so none of its rows has a licence");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(TemporaryDirectory directory, bool keepAll) =>
        await CliRun.Invoke(["run", "github", "--input", TestData.Fixture("github-repos/repos"), "--output", directory.Combine("out"), "--format", "jsonl",
            .. keepAll ? ["--keep-all"] : Array.Empty<string>()]);
}
