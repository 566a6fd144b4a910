using System.Text.Json;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Dedup;

namespace RedPajama.Tests.Dedup;

public sealed class CcnetLineDedupTests
{
    // Expected values from Python 3.11: hashlib.sha1 of the line normalised by the rules of
    // cc_net's normalize_for_dedup (strip, lower, \d -> 0, UNICODE_PUNCT keys and control characters deleted),
    // first 8 bytes as little-endian uint64.
    [Theory]
    [InlineData("Hello World 2023!", "hello world 0000!", 4213747061662223874UL)]
    [InlineData("  ΟΔΟΣ ３ «quoted» — dash…\t", "οδος 0 quoted  dash", 12288326255413622216UL)]
    [InlineData("", "", 957977401221134810UL)]
    [InlineData("Click here to read more.", "click here to read more.", 1944608686697710034UL)]
    [InlineData("İstanbul ١٢٣", "i\u0307stanbul 000", 8673680399145412991UL)]
    public void Line_hash_follows_ccnet_normalisation_and_sha1(string line, string normalized, ulong hash)
    {
        CcnetLineHash.Normalize(line).Should().Be(normalized);
        CcnetLineHash.Of(line).Should().Be(hash);
    }

    [Fact]
    public async Task Lines_shared_by_documents_go_from_all_of_them_and_repeats_inside_one_keep_the_first()
    {
        string?[] texts = await LineDedup(
            "Welcome to our site!\nThe first article is about birds.\nCookie policy applies.",
            "Welcome to our site!\nA second article, about fish.\nA second article, about fish.\nCookie POLICY applies.",
            "Only here.\nOnly here.",
            "Welcome to our site!\ncookie policy applies!");

        texts[0].Should().Be("The first article is about birds.");
        texts[1].Should().Be("A second article, about fish.", "the shared lines go, the repeat keeps its first");
        texts[2].Should().Be("Only here.", "a line repeated inside one document only is not a cross-document duplicate");
        texts[3].Should().Be("cookie policy applies!", "'!' is ASCII punctuation: kept by the normaliser, so the line differs");
    }

    [Fact]
    public async Task A_document_whose_lines_all_repeat_elsewhere_is_dropped()
    {
        (await LineDedup("same line\nother line", "same line\nother line")).Should().Equal(null, null);
    }

    // Runs CcnetLineDedupStep through `redpajama dedup lines`; per document, its text, or null when it was dropped.
    private static async Task<string?[]> LineDedup(params string[] documents)
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("in.jsonl");
        File.WriteAllLines(input, documents.Select((text, id) => JsonSerializer.Serialize(new { id, text })));
        (await CliRun.Invoke("dedup", "lines", "-i", input, "-o", directory.Combine("out"))).Code.Should().Be(RedPajama.Cli.ExitCodes.Success);
        var texts = new string?[documents.Length];
        foreach (string line in File.ReadLines(directory.Combine("out", "part-00000.jsonl")))
        {
            JsonElement row = JsonDocument.Parse(line).RootElement;
            texts[row.GetProperty("id").GetInt32()] = row.GetProperty("text").GetString();
        }

        return texts;
    }
}
