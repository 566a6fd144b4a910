using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Tests.Support;
using RedPajama.Tokenization;

namespace RedPajama.Tests.Tokenization;

/// <summary><c>tokenizer.token_count_neox</c>: any source's documents get their GPT-NeoX-20B count, as RedPajama-1T published them.</summary>
public sealed class NeoxTokenCountTests
{
    [Theory]
    [InlineData("books")]
    [InlineData("c4")]
    public async Task Every_written_document_gets_its_neox_count(string source)
    {
        using var directory = new TemporaryDirectory();
        string config = directory.Combine("neox.yaml");
        File.WriteAllText(config, "tokenizer:\n  token_count_neox: true\n");
        string input = source == "books" ? TestData.SampleBooks : TestData.Fixture("c4/c4-train.00000-of-01024.json.gz");

        (int code, _, string stderr) = await CliRun.Invoke("run", source, "--input", input, "--output", directory.Combine("out"), "--format", "jsonl", "--config", config);

        code.Should().Be(ExitCodes.Success, stderr);
        var tokenizer = NeoxTokenizers.Get(NeoxTokenizers.PathOf(null));
        // c4 names its output after its input; books write part files.
        List<JsonElement> rows = [.. Directory.GetFiles(directory.Combine("out"), "*.jsonl", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        rows.Should().NotBeEmpty();
        foreach (JsonElement row in rows)
        {
            string text = row.GetProperty("text").GetString()!;
            row.GetProperty("meta").GetProperty(NeoxTokenCountStep.Field).GetInt64().Should().Be(tokenizer.CountTokens(text));
        }

        rows.Sum(r => r.GetProperty("meta").GetProperty(NeoxTokenCountStep.Field).GetInt64()).Should().BeGreaterThan(rows.Count, "real text has tokens");
    }
}
