using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources;

/// <summary>
/// The c4-clean source against TFDS's own <c>c4_utils.py</c> (run by <c>fixtures/c4-clean/make_golden.sh</c>: line
/// dedup from the 2020 file the spec reads, three-sentence spans from the open-sourced 2019 one) on real web text and
/// pages built to reach every rule: every page's verdict, and every kept page's text, identical.
/// </summary>
public sealed class C4CleanGoldenTests
{
    private static readonly string Root = TestData.Fixture("c4-clean");

    [Theory]
    [InlineData("lines", 1000)]
    [InlineData("spans", 0)]
    public async Task Every_page_gets_the_verdict_and_text_TFDS_gives_it(string dedup, int maxWordLength)
    {
        using var directory = new TemporaryDirectory();
        string inputs = directory.Combine("in");
        Directory.CreateDirectory(inputs);

        // The golden's input order, kept by the file names: URL dedup keeps the last page in input order.
        string[] files = File.ReadAllLines(Path.Combine(Root, "inputs.txt"));
        for (int i = 0; i < files.Length; i++)
        {
            File.Copy(Path.Combine(Root, files[i]), Path.Combine(inputs, $"{i}-{Path.GetFileName(files[i])}"));
        }

        string config = directory.Combine("c4.yaml");
        File.WriteAllText(config, $"c4_clean:\n  language: all\n  dedup: {dedup}\n  max_word_length: {maxWordLength}\n");
        string output = directory.Combine("out");

        (int code, _, string stderr) = await CliRun.Invoke(["run", "c4-clean", "--input", inputs, "--output", output, "--format", "jsonl", "--keep-all", "--config", config]);

        code.Should().Be(ExitCodes.Success, stderr);
        List<string> golden = [.. File.ReadAllLines(Path.Combine(Root, $"golden-{dedup}.jsonl")).Select(l => Verdict(JsonDocument.Parse(l).RootElement))];
        List<string> ours = [.. HiveJsonl.Read(output).Where(IsPage).Select(Verdict)];
        golden.Should().HaveCountGreaterThan(90).And.Contain(v => v.Contains("\u0001kept\u0001", StringComparison.Ordinal));
        ours.Should().BeEquivalentTo(golden, "the same pages are kept, with the same text, and the others dropped for the same reason");
    }

    /// <summary>Records TFDS emits from split_wet_file: the reader's own skips (warcinfo, no URL) are not pages.</summary>
    private static bool IsPage(JsonElement record) =>
        !record.TryGetProperty("drop_reason", out JsonElement reason) || reason.ValueKind == JsonValueKind.Null
        || reason.GetString() is not ("no_url" or "no_content");

    private static string Verdict(JsonElement record)
    {
        string url = record.GetProperty("url").GetString()!;
        string verdict = record.TryGetProperty("verdict", out JsonElement golden) ? golden.GetString()!
            : record.TryGetProperty("drop_reason", out JsonElement reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString()!
            : "kept";
        string text = verdict == "kept" ? record.GetProperty("text").GetString()! : string.Empty;
        return string.Join('\u0001', url, verdict, text);
    }
}
