using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Code;

namespace RedPajama.Tests.Code;

/// <summary>
/// GitHub file cleaning, statistics and filter rules against RedPajama-1T's own scripts (rp_v1
/// <c>github_clean_dedup_local.py</c> and <c>github_run_filter.py</c>, run by <c>fixtures/github/make_golden.py</c>) on
/// files of real repositories and rows built to reach every rule: cleaned text and statistics equal for every record,
/// and the same records discarded by the rules before the token rule.
/// </summary>
public sealed class GithubCleaningGoldenTests
{
    private sealed class NeedsTokensException : Exception;

    [Fact]
    public void Cleaned_text_and_statistics_equal_the_upstream_records()
    {
        List<JsonElement> golden = Lines("golden-clean.jsonl");
        List<JsonElement> kept = KeptRows();
        kept.Should().HaveSameCount(golden);
        for (int i = 0; i < golden.Count; i++)
        {
            string path = kept[i].GetProperty("path").GetString()!;
            string text = GithubCopyright.Clean(kept[i].GetProperty("content").GetString()!);
            JsonElement meta = golden[i].GetProperty("meta");
            meta.GetProperty("path").GetString().Should().Be(path);
            text.Should().Be(golden[i].GetProperty("text").GetString(), path);

            GithubFileStatistics statistics = GithubFileStatistics.Of(text);
            statistics.LineCount.Should().Be(meta.GetProperty("line_count").GetInt32(), path);
            statistics.MaxLineLength.Should().Be(meta.GetProperty("max_line_length").GetInt32(), path);
            statistics.AverageLineLength.Should().Be(meta.GetProperty("avg_line_length").GetDouble(), path);
            statistics.AlphanumericShare.Should().Be(meta.GetProperty("alnum_prop").GetDouble(), path);
        }
    }

    [Fact]
    public void The_rules_before_the_token_rule_discard_what_upstream_discards()
    {
        List<JsonElement> records = Lines("golden-clean.jsonl");
        List<JsonElement> verdicts = Lines("golden-filter.jsonl");
        var reasons = new Dictionary<string, int>();
        for (int i = 0; i < records.Count; i++)
        {
            string text = records[i].GetProperty("text").GetString()!;
            string path = records[i].GetProperty("meta").GetProperty("path").GetString()!;
            string verdict = verdicts[i].GetProperty("verdict").GetString()!;
            GithubFileFilter.CountAlphabetic(text).Should().Be(verdicts[i].GetProperty("num_alpha").GetInt32(), path);

            string? reason;
            try
            {
                reason = GithubFileFilter.Judge(text, path, GithubFileStatistics.Of(text), _ => throw new NeedsTokensException());
            }
            catch (NeedsTokensException)
            {
                verdict.Should().Be("tokens", "{0} passes rules 1-5 here, so upstream must have asked for tokens too", path);
                continue;
            }

            verdict.Should().Be("discard", path);
            reason.Should().NotBeNull(path);
            reasons[reason!] = reasons.GetValueOrDefault(reason!) + 1;
        }

        reasons.Keys.Should().BeEquivalentTo(
            [GithubFileFilter.Empty, GithubFileFilter.Extension, GithubFileFilter.MaxLineLength, GithubFileFilter.AverageLineLength, GithubFileFilter.AlphanumericShare],
            "the fixture reaches every rule before the token rule");
    }

    /// <summary>The rows the first script keeps, in order: no .crt, no root LICENSE, the first of each raw-content MD5.</summary>
    private static List<JsonElement> KeptRows()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<JsonElement>();
        using var gzip = new GZipStream(File.OpenRead(TestData.Fixture("github/github-rows.jsonl.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            JsonElement row = JsonDocument.Parse(line).RootElement.Clone();
            string path = row.GetProperty("path").GetString()!;
#pragma warning disable CA5351 // MD5 is upstream's content key here, not a security control.
            string digest = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(row.GetProperty("content").GetString()!)));
#pragma warning restore CA5351
            if (!path.EndsWith(".crt", StringComparison.Ordinal) && path != "LICENSE" && seen.Add(digest))
            {
                kept.Add(row);
            }
        }

        return kept;
    }

    private static List<JsonElement> Lines(string name) =>
        [.. File.ReadAllLines(TestData.Fixture(Path.Combine("github", name))).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
}
