using System.Text;
using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Quality;
using RedPajama.Tests.Quality;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Cli;

public sealed class SignalsCommandTests
{
    private static readonly QualitySignalComputer s_computer = new(new QualityWordLists(QualityGolden.BadWordsDirectory));

    [Fact]
    public void Signals_output_in_redpajama_v2_format_equals_upstream_for_every_fixture_document()
    {
        (string output, _, SignalsSummary summary) = Run(File.ReadAllBytes(TestData.Fixture("quality/documents.jsonl")), rules: null);

        summary.Read.Should().Be(QualityGolden.Documents.Count);
        summary.Written.Should().Be(summary.Read);
        var mismatches = new List<string>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            string id = json.RootElement.GetProperty("id").GetString()!;
            json.RootElement.TryGetProperty("language", out _).Should().BeTrue("input fields pass through");
            JsonElement signals = json.RootElement.GetProperty("quality_signals");
            foreach ((string name, JsonElement golden) in QualityGolden.RedPajamaV2[id])
            {
                if (golden.ValueKind != JsonValueKind.Array)
                {
                    continue; // upstream raised: no stop words for the language
                }

                string ours = signals.GetProperty(name).GetRawText();
                if (!SameSpans(ours, golden) && !(SignalCatalog.TryGet(name, out SignalDefinition? d) && d.Needs == LanguageResourceKind.BadWords))
                {
                    mismatches.Add($"{id} {name}: {ours[..Math.Min(80, ours.Length)]} vs {golden.GetRawText()[..Math.Min(80, golden.GetRawText().Length)]}");
                }
            }
        }

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Rules_give_a_verdict_each_and_bad_lines_are_skipped_with_their_line_number()
    {
        byte[] input = Encoding.UTF8.GetBytes(
            "{\"id\": 1, \"text\": \"Too short.\"}\n" +
            "not json\n" +
            "\n" +
            "{\"id\": 2, \"title\": \"no text\"}\n" +
            "{\"text\": \"" + string.Concat(Enumerable.Repeat("The cat sat with the dog and that is all of it. ", 20)) + "\", \"meta\": {\"source\": \"books\"}}\n");

        (string output, string log, SignalsSummary summary) = Run(input, QualityRuleSet.Preset("gopher"));

        (summary.Read, summary.Written, summary.Skipped).Should().Be((4, 2, 2));
        log.Should().Contain("record 1: skipped: malformed_json").And.Contain("record 2: skipped: missing_text");
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        first.RootElement.GetProperty("rules").GetProperty("gopher_short_doc").GetBoolean().Should().BeFalse();
        first.RootElement.GetProperty("rules").EnumerateObject().Should().HaveCount(23);
        first.RootElement.GetProperty("keep").GetBoolean().Should().BeFalse();
        using JsonDocument second = JsonDocument.Parse(lines[1]);
        second.RootElement.GetProperty("rules").GetProperty("gopher_short_doc").GetBoolean().Should().BeTrue();
        second.RootElement.GetProperty("meta").GetProperty("source").GetString().Should().Be("books");
    }

    [Fact]
    public async Task An_unknown_preset_is_a_usage_error()
    {
        var error = new StringWriter();

        int code = await RedPajamaCommand.InvokeAsync(["signals", "--preset", "c5"], new StringWriter(), error);

        code.Should().Be(ExitCodes.Usage);
        error.ToString().Should().Contain("unknown quality preset 'c5'");
    }

    private static (string Output, string Log, SignalsSummary Summary) Run(byte[] input, QualityRuleSet? rules)
    {
        using var source = new MemoryStream(input);
        using var sink = new MemoryStream();
        var log = new StringWriter();
        SignalsSummary summary = SignalsCommand.Run(source, sink, log, s_computer, rules, "en", null);
        return (Encoding.UTF8.GetString(sink.ToArray()), log.ToString(), summary);
    }

    private static bool SameSpans(string ours, JsonElement golden)
    {
        using JsonDocument parsed = JsonDocument.Parse(ours);
        JsonElement[] a = [.. parsed.RootElement.EnumerateArray()];
        JsonElement[] b = [.. golden.EnumerateArray()];
        return a.Length == b.Length && a.Zip(b).All(p => p.First.EnumerateArray().Zip(p.Second.EnumerateArray())
            .All(v => v.First.ValueKind == v.Second.ValueKind && (v.First.ValueKind != JsonValueKind.Number || v.First.GetDouble() == v.Second.GetDouble())));
    }
}
