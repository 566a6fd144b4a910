using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using RedPajama.Cli;
using RedPajama.Sources.Github;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources.Github;

/// <summary>
/// The HuggingFace code datasets' layouts: codeparrot's <c>github-code</c> (the text in <c>code</c>, BigQuery's licence
/// keys) and the Stack (<c>content</c>, <c>max_stars_repo_path</c>, a list of SPDX ids in <c>max_stars_repo_licenses</c>)
/// give the same kept texts as the BigQuery rows of the same files, whose output is byte-identical to upstream's.
/// </summary>
public sealed class GithubDatasetLayoutTests
{
    private static readonly Dictionary<string, string> SpdxIds = new(StringComparer.Ordinal)
    {
        ["mit"] = "MIT",
        ["apache-2.0"] = "Apache-2.0",
        ["lgpl-2.1"] = "LGPL-2.1",
    };

    [Fact]
    public async Task Codeparrot_rows_keep_the_files_bigquery_rows_keep()
    {
        using var directory = new TemporaryDirectory();
        string input = WriteRows(directory.Combine("codeparrot.jsonl"), row => new JsonObject
        {
            ["code"] = row["content"]!.DeepClone(),
            ["repo_name"] = row["repo_name"]!.DeepClone(),
            ["path"] = row["path"]!.DeepClone(),
            ["language"] = "C++",
            ["license"] = row["license"]!.DeepClone(),
            ["size"] = long.Parse(row["size"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        });

        string[] texts = await KeptTexts(directory, input);

        texts.Should().Equal(ExpectedTexts());
    }

    [Fact]
    public async Task The_stack_rows_keep_the_files_whose_every_licence_is_permissive()
    {
        using var directory = new TemporaryDirectory();
        string input = WriteRows(directory.Combine("the-stack.jsonl"), row => new JsonObject
        {
            ["content"] = row["content"]!.DeepClone(),
            ["max_stars_repo_path"] = row["path"]!.DeepClone(),
            ["max_stars_repo_name"] = row["repo_name"]!.DeepClone(),
            ["max_stars_repo_licenses"] = new JsonArray(row["license"] is { } license && SpdxIds.TryGetValue(license.GetValue<string>(), out string? id) ? [JsonValue.Create(id)] : []),
        });

        string[] texts = await KeptTexts(directory, input);

        texts.Should().Equal(ExpectedTexts());
    }

    // The upstream output's texts of the repositories the whitelist keeps (fastText, MIT; RedPajama-Data, Apache-2.0).
    private static string[] ExpectedTexts() =>
        [.. File.ReadAllLines(TestData.Fixture("github/golden-filtered.jsonl"))
            .Select(l => JsonNode.Parse(l)!)
            .Where(r => r["meta"]!["license"]?.GetValue<string>() is "mit" or "apache-2.0")
            .Select(r => r["text"]!.GetValue<string>())];

    private static async Task<string[]> KeptTexts(TemporaryDirectory directory, string input)
    {
        (int code, _, string stderr) = await CliRun.Invoke(["run", "github", "--input", input, "--output", directory.Combine("out"), "--format", "jsonl"]);
        code.Should().Be(ExitCodes.Success, stderr);
        return [.. File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Select(l => JsonNode.Parse(l)!["text"]!.GetValue<string>())];
    }

    private static string WriteRows(string path, Func<JsonObject, JsonObject> layout)
    {
        using var gzip = new GZipStream(File.OpenRead(TestData.Fixture("github/github-rows.jsonl.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        using var writer = new StreamWriter(path);
        while (reader.ReadLine() is { } line)
        {
            writer.WriteLine(layout((JsonObject)JsonNode.Parse(line)!).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }

        return path;
    }
}
