using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources;

/// <summary>
/// The commoncrawl source against cc_net's own <c>mine</c> (RedPajama's fork, run by
/// <c>fixtures/ccnet-mine/make_golden.sh</c>) on six WET segments in two shards: every document cc_net wrote, field by
/// field — parse, paragraph dedup per group of <c>hash_in_mem</c> shards, language ID, SentencePiece + KenLM perplexity,
/// bucket — and no other document.
/// </summary>
public sealed class CcnetMineGoldenTests
{
    private static readonly string Root = TestData.Fixture("ccnet-mine");

    // Shard i of 2 holds segments [3i, 3i + 3) of the six (cc_net's CCShardReader over `ls wet/*`).
    private static readonly string[][] TwoShards =
    [
        [.. Segments().Take(3)],
        [.. Segments().Skip(3)],
    ];

    [Theory]
    [InlineData("en-hash1", "en", 1, "probing")]
    [InlineData("en-hash2", "en", 2, "probing")]
    [InlineData("all-hash1", "all", 1, "probing")]
    [InlineData("all-hash2", "all", 2, "trie")]
    [InlineData("en-hash1", "en", 1, "trie")]
    public async Task Every_document_cc_net_wrote_comes_out_with_every_field(string run, string languages, int hashInMem, string lmFolder)
    {
        using var directory = new TemporaryDirectory();
        // hash_in_mem 1: each shard deduplicated on its own, so one run per shard; 2: both shards are one group.
        string[][] groups = hashInMem == 1 ? TwoShards : [[.. Segments()]];
        var ours = new List<JsonElement>();
        for (int g = 0; g < groups.Length; g++)
        {
            ours.AddRange(await Run(directory, $"group{g}", groups[g], languages, Path.Combine(Root, "lm", lmFolder)));
        }

        List<JsonElement> golden = Golden(run);
        golden.Should().NotBeEmpty();
        ours.Select(Key).Should().BeEquivalentTo(golden.Select(Key), "the same documents survive");
        Dictionary<string, JsonElement> byKey = ours.ToDictionary(Key);
        foreach (JsonElement expected in golden)
        {
            ShouldMatch(byKey[Key(expected)], expected);
        }
    }

    private static async Task<List<JsonElement>> Run(TemporaryDirectory directory, string name, string[] inputs, string languages, string lmDir)
    {
        string config = directory.Combine(name + ".yaml");
        File.WriteAllText(config, $"commoncrawl:\n  languages: [{languages}]\n  lm_dir: {lmDir}\n  keep_buckets: [head, middle, tail, all]\n  digest_dedup: false\n  metadata: ccnet\n");
        string output = directory.Combine(name);
        (int code, _, string stderr) = await CliRun.Invoke(["run", "commoncrawl", "--input", .. inputs, "--output", output, "--format", "jsonl", "--config", config]);
        code.Should().Be(ExitCodes.Success, stderr);
        return [.. Directory.GetFiles(output, "part-*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines).Select(l => Flatten(JsonDocument.Parse(l).RootElement.Clone()))];
    }

    // This project's record as one object of cc_net's field names: text as raw_content, meta fields at the top.
    private static JsonElement Flatten(JsonElement record)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["raw_content"] = record.GetProperty("text") };
        JsonElement meta = record.TryGetProperty("meta", out JsonElement nested) ? nested : record;
        foreach (JsonProperty property in meta.EnumerateObject().Where(p => p.Name != "text"))
        {
            fields[property.Name] = property.Value;
        }

        return JsonSerializer.SerializeToElement(fields);
    }

    private static void ShouldMatch(JsonElement actual, JsonElement expected)
    {
        string url = expected.GetProperty("url").GetString()!;
        foreach (JsonProperty field in expected.EnumerateObject())
        {
            actual.TryGetProperty(field.Name, out JsonElement value).Should().BeTrue("{0} has {1}", url, field.Name);
            if (field.Name == "cc_segment")
            {
                // cc_net lists the segments as wet/<file>; this project names a local file by its name.
                value.GetString().Should().Be(Path.GetFileName(field.Value.GetString()), url);
            }
            else
            {
                Canonical(value).Should().Be(Canonical(field.Value), "{0}: {1}", url, field.Name);
            }
        }

        actual.TryGetProperty("perplexity", out _).Should().Be(expected.TryGetProperty("perplexity", out _), "{0}: a language without a model has no perplexity", url);
    }

    // Strings by value (the two sides escape differently), numbers as written (Python's repr), arrays element by element.
    private static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "s:" + value.GetString(),
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Canonical)) + "]",
        _ => value.GetRawText(),
    };

    private static string Key(JsonElement document) =>
        string.Join('\u0001', document.GetProperty("url").GetString(), document.GetProperty("digest").GetString(), document.GetProperty("title").GetString(),
            Path.GetFileName(document.GetProperty("cc_segment").GetString()));

    private static List<JsonElement> Golden(string run) =>
        [.. Directory.GetFiles(Path.Combine(Root, "golden", run), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadAllText(f).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static IEnumerable<string> Segments() =>
        Directory.GetFiles(Path.Combine(Root, "wet"), "*.warc.wet.gz").Order(StringComparer.Ordinal);
}
