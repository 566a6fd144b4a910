using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RedPajama.Documents;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources.Documents;
using RedPajama.Steps;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Dedup;
using RedPajama.Writing;

namespace RedPajama.Tests.Dedup;

/// <summary>
/// <see cref="SimHasher"/> against the <c>simhash</c> package (2.1.2) driven by RedPajama-1T's own <c>dedup.py</c>
/// (fixtures/simhash/make-golden.py): the fingerprint of every sample book, derived copy and edge text, each text's
/// near-duplicates (SimhashIndex, k = 5) and the keep flag of <c>find_match</c>.
/// </summary>
public sealed class SimHashGoldenTests
{
    private static readonly List<(string Id, string Text, ulong Fingerprint, string[] NearDups, bool Keep)> s_golden = Load();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach ((string id, _, _, _, _) in s_golden)
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Fingerprint_equals_the_simhash_package(string id)
    {
        (_, string text, ulong expected, _, _) = s_golden.Single(g => g.Id == id);
        SimHasher.Fingerprint(text).ToString("x16", CultureInfo.InvariantCulture).Should().Be(expected.ToString("x16", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Near_duplicates_and_keep_flags_equal_upstream_find_match()
    {
        ulong[] fingerprints = [.. s_golden.Select(g => SimHasher.Fingerprint(g.Text))];
        int[] earliest = SimHasher.EarliestDuplicates(fingerprints);
        for (int i = 0; i < s_golden.Count; i++)
        {
            string[] near = [.. Enumerable.Range(0, fingerprints.Length)
                .Where(j => SimHasher.Distance(fingerprints[i], fingerprints[j]) <= SimHasher.MaxDistance)
                .Select(j => j.ToString(CultureInfo.InvariantCulture))];
            near.Should().Equal(s_golden[i].NearDups, $"near-duplicates of text {i}");
            (earliest[i] < 0).Should().Be(s_golden[i].Keep, $"keep flag of text {i}");
        }

        // The golden has drops, a pair only linked through a third text, and texts that collapse to no feature.
        s_golden.Count(g => !g.Keep).Should().BeGreaterThan(5);
    }

    [Fact]
    public async Task The_simhash_step_on_the_local_engine_drops_exactly_what_upstream_drops()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("golden.jsonl");
        File.WriteAllLines(input, s_golden.Select(g => JsonSerializer.Serialize(new { text = g.Text, id = g.Id })));
        var pipeline = new PipelineDescription(
            "golden",
            new MetaSchema([new MetaField("id", MetaType.Text)]),
            new DocumentsReader(ReadLimits.Default),
            [new SimHashDedupStep()],
            JsonLayout.TextThenMeta);

        // 1 KB forces the block keys through the on-disk partitions, the path large runs take.
        RunStatistics statistics = await new LocalEngine(new LocalEngineOptions { Format = OutputFormat.Jsonl, KeepAll = true, MemoryBytes = 1024 })
            .RunAsync(pipeline, [new InputFile(0, input, new FileInfo(input).Length)], directory.Combine("out"));

        string[] dropped = [.. File.ReadLines(directory.Combine("out", "part-00000.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.TryGetProperty("drop_reason", out _))
            .Select(r => r.GetProperty("meta").GetProperty("id").GetString()!)];
        // The golden's keep flags are upstream's find_match, which SimHasher.EarliestDuplicates equals (test above).
        dropped.Should().Equal(s_golden.Where(g => !g.Keep).Select(g => g.Id));
        statistics.Dropped.Should().Equal(new Dictionary<string, long> { [SimHashDedupStep.Reason] = dropped.Length });
    }

    [Fact]
    public void Block_keys_split_the_fingerprint_into_six_blocks_and_differ_by_block_number()
    {
        // Equal bits in different blocks are different keys; a change in bit 63 changes only the last block's key.
        SimHashDedupStep.BlockKey(0, 0).Should().NotBe(SimHashDedupStep.BlockKey(0, 1));
        ulong high = 1UL << 63;
        Enumerable.Range(0, 5).Should().OnlyContain(b => SimHashDedupStep.BlockKey(high, b) == SimHashDedupStep.BlockKey(0, b));
        SimHashDedupStep.BlockKey(high, 5).Should().NotBe(SimHashDedupStep.BlockKey(0, 5));
    }

    private static List<(string, string, ulong, string[], bool)> Load()
    {
        var rows = new List<(string, string, ulong, string[], bool)>();
        foreach (string line in File.ReadLines(TestData.Fixture("simhash/golden.jsonl")))
        {
            JsonElement row = JsonDocument.Parse(line).RootElement;
            string text = row.TryGetProperty("text", out JsonElement inline) ? Unescape(inline) : Build(row.GetProperty("source"));
            rows.Add((row.GetProperty("id").GetString()!, text, ulong.Parse(row.GetProperty("fingerprint").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                [.. row.GetProperty("near_dups").EnumerateArray().Select(e => e.GetString()!)], row.GetProperty("keep").GetInt32() == 1));
        }

        return rows;
    }

    // The script's read_source: UTF-8 bytes decoded as is (newlines and BOM kept), a JSON-lines row, then the ops.
    private static string Build(JsonElement source)
    {
        string path = Path.Combine(AppContext.BaseDirectory, RelativePath(source.GetProperty("file").GetString()!));
        byte[] bytes = File.ReadAllBytes(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            gzip.CopyTo(inflated);
            bytes = inflated.ToArray();
        }

        string text = Encoding.UTF8.GetString(bytes);
        if (source.TryGetProperty("row", out JsonElement row))
        {
            text = JsonDocument.Parse(text.Split('\n')[row.GetInt32()]).RootElement.GetProperty("text").GetString()!;
        }

        if (source.TryGetProperty("ops", out JsonElement ops))
        {
            foreach (JsonElement op in ops.EnumerateArray())
            {
                JsonElement[] args = [.. op.EnumerateArray()];
                text = args[0].GetString() switch
                {
                    "prefix" => args[1].GetString() + text,
                    "replace" => text.Replace(args[1].GetString()!, args[2].GetString(), StringComparison.Ordinal),
                    "cut" => text[..args[1].GetInt32()], // the books are BMP-only: UTF-16 index = code point index
                    string other => throw new InvalidOperationException(other),
                    _ => throw new InvalidOperationException(),
                };
            }
        }

        return text;
    }

    // samples/ and models/ are linked beside the test binaries; fixtures keep their folder under fixtures/.
    private static string RelativePath(string repoPath) =>
        repoPath.StartsWith("tests/RedPajama.Tests/", StringComparison.Ordinal) ? repoPath["tests/RedPajama.Tests/".Length..] : repoPath;

    // Golden strings are ASCII JSON with \u escapes; keep lone surrogates as System.Text.Json does.
    private static string Unescape(JsonElement value) => value.GetString()!;
}
