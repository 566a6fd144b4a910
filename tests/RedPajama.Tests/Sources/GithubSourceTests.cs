using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Sources.Github;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources;

/// <summary>
/// The github source against RedPajama-1T's own scripts (<c>github_clean_dedup_local.py</c>, then
/// <c>github_run_filter.py</c> with GPT-NeoX counts from the HuggingFace tokenizers library; see
/// <c>fixtures/github/README.md</c>) on BigQuery-layout rows of real repositories: every kept line byte-identical.
/// </summary>
public sealed class GithubSourceTests
{
    private const string Plain = "github:\n  license_prefixes: [\"\"]\n";

    [Fact]
    public async Task Every_kept_line_is_byte_identical_to_the_upstream_scripts_output()
    {
        using var directory = new TemporaryDirectory();
        string config = directory.Combine("all-licences.yaml");

        // Upstream's scripts see only what the BigQuery query let through; with every licence kept, they see it all.
        File.WriteAllText(config, Plain);

        (int code, string stdout, string stderr) = await Run(directory, config);

        code.Should().Be(ExitCodes.Success, stderr);
        string[] golden = File.ReadAllLines(TestData.Fixture("github/golden-filtered.jsonl"));
        golden.Should().HaveCountGreaterThan(20);
        File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Should().Equal(golden);
        stdout.Should().Contain("read 55 documents").And.Contain("certificate 1").And.Contain("root_license 3").And.Contain("duplicate 2");
    }

    [Fact]
    public async Task The_query_s_licence_whitelist_drops_every_file_of_a_repository_outside_it()
    {
        using var directory = new TemporaryDirectory();

        (int code, string stdout, string stderr) = await Run(directory, config: null);

        code.Should().Be(ExitCodes.Success, stderr);
        string[] expected = [.. File.ReadAllLines(TestData.Fixture("github/golden-filtered.jsonl"))
            .Where(l => JsonDocument.Parse(l).RootElement.GetProperty("meta").GetProperty("license").GetString() is "mit" or "apache-2.0")];
        File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Should().Equal(expected);
        stdout.Should().Contain($"{GithubLicenseStep.NotPermissive} 8", "kenlm's eight files are LGPL");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(TemporaryDirectory directory, string? config) =>
        await CliRun.Invoke(["run", "github", "--input", TestData.Fixture("github/github-rows.jsonl.gz"), "--output", directory.Combine("out"), "--format", "jsonl",
            .. config is null ? Array.Empty<string>() : ["--config", config]]);
}
