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

    [Theory]
    [InlineData("en-hash1", "en", 2, 1, "probing")]
    [InlineData("en-hash2", "en", 2, 2, "probing")]
    [InlineData("all-hash1", "all", 2, 1, "probing")]
    [InlineData("all-hash2", "all", 2, 2, "trie")]
    [InlineData("en-hash1", "en", 2, 1, "trie")]
    [InlineData("all-4shards-hash3", "all", 4, 3, "probing")]
    public async Task Every_document_cc_net_wrote_comes_out_with_every_field(string run, string languages, int shards, int hashInMem, string lmFolder)
    {
        using var directory = new TemporaryDirectory();
        // One run per shard, as cc_net runs a task per shard: it reads its group of hash_in_mem shards for paragraph
        // dedup and writes its own documents (the segments are `ls wet/*`, cut into contiguous shards).
        var ours = new List<JsonElement>();
        for (int shard = 0; shard < shards; shard++)
        {
            ours.AddRange(await Run(directory, $"shard{shard}", languages, Path.Combine(Root, "lm", lmFolder),
                ["--num-shards", $"{shards}", "--shard", $"{shard}", "--hash-in-mem", $"{hashInMem}"]));
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

    private static async Task<List<JsonElement>> Run(TemporaryDirectory directory, string name, string languages, string lmDir, string[] sharding)
    {
        string config = directory.Combine(name + ".yaml");
        File.WriteAllText(config, $"commoncrawl:\n  languages: [{languages}]\n  lm_dir: {lmDir}\n  keep_buckets: [head, middle, tail, all]\n  digest_dedup: false\n  metadata: ccnet\n");
        string output = directory.Combine(name);
        (int code, _, string stderr) = await CliRun.Invoke(["run", "commoncrawl", "--input", Path.Combine(Root, "wet"), "--output", output, "--format", "jsonl", "--config", config, .. sharding]);
        code.Should().Be(ExitCodes.Success, stderr);
        // cc_net's field names: raw_content for the text; meta fields and the Hive partitions (language, bucket) at the top.
        return [.. HiveJsonl.Read(output).Select(r => JsonSerializer.SerializeToElement(r.EnumerateObject().ToDictionary(p => p.Name == "text" ? "raw_content" : p.Name, p => p.Value)))];
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
}
