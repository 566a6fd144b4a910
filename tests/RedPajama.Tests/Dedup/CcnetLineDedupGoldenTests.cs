using System.Text.Json;
using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Quality;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Documents;
using RedPajama.Steps;
using RedPajama.Tests.Support;
using RedPajama.Tokenization;
using RedPajama.Writing;

namespace RedPajama.Tests.Dedup;

/// <summary>
/// <see cref="CcnetLineDedupStep"/> in <c>redpajama run documents</c> against upstream cc_net's own <c>dedup.py</c>
/// (<c>HashesCollector</c>, then <c>DuplicatesRemover</c>; fixtures/ccnet-dedup/make-golden.py) on 264 real documents:
/// Common Crawl WET conversions, cc_net output from dolma's tests and StackExchange body revisions (CRLF, lines shared
/// between revisions). Every document's kept text, its line counts and the set of dropped documents must be cc_net's.
/// </summary>
public sealed class CcnetLineDedupGoldenTests
{
    private const int Documents = 264;

    [Fact]
    public void Scope_run_matches_cc_net_with_all_documents_in_one_group()
    {
        using var directory = new TemporaryDirectory();
        List<Golden> golden = LoadGolden("golden-run.jsonl");

        (RunStatistics statistics, List<Output> output) = Run([TestData.Fixture("ccnet-dedup/input.jsonl")], "run", directory.Combine("out"));

        AssertMatches(statistics, output, golden, expectedDropped: 45, expectedKeptLines: 1137);
    }

    [Fact]
    public void Scope_input_matches_cc_net_run_once_per_file_as_with_hash_in_mem_1()
    {
        using var directory = new TemporaryDirectory();
        List<Golden> golden = LoadGolden("golden-input.jsonl");
        string[] lines = File.ReadAllLines(TestData.Fixture("ccnet-dedup/input.jsonl"));
        string inputs = directory.Combine("in");
        Directory.CreateDirectory(inputs);
        // Document i goes to file i % 2, as make-golden.py splits it.
        File.WriteAllLines(Path.Combine(inputs, "a.jsonl"), lines.Where((_, i) => i % 2 == 0));
        File.WriteAllLines(Path.Combine(inputs, "b.jsonl"), lines.Where((_, i) => i % 2 == 1));

        (RunStatistics statistics, List<Output> output) = Run([inputs], "input", directory.Combine("out"));

        AssertMatches(statistics, output, golden, expectedDropped: 26, expectedKeptLines: 1334);
        LoadGolden("golden-run.jsonl").Count(g => g.Dropped).Should().BeGreaterThan(26, "with one group per file, lines shared only across the two files stay");
    }

    private static (RunStatistics Statistics, List<Output> Output) Run(IEnumerable<string> inputs, string scope, string output)
    {
        var config = new RunConfig
        {
            LineDedup = { Enabled = true, Scope = scope },
            Quality = new QualityConfig { Signals = false },
            Tokenizer = new TokenizerConfig { TokenCount = false },
        };
        DocumentsConfig section = config.Section<DocumentsConfig>();
        section.Meta = ["id:text", "nlines:integer", "original_nlines:integer"];
        section.ExactDedup = false;
        PipelineDescription pipeline = SourceCatalog.Describe(DocumentsSource.SourceName, config);
        InputResolution resolution = InputResolver.Resolve(inputs, DocumentsReader.Accepts);
        var engine = new LocalEngine(new LocalEngineOptions { Format = OutputFormat.Jsonl, KeepAll = true, Threads = 2 });
        RunStatistics statistics = engine.RunAsync(pipeline, resolution.Files, output, resolution.Problems, CancellationToken.None)
            .GetAwaiter().GetResult();
        var documents = new List<Output>();
        foreach (string part in Directory.GetFiles(output, "part-*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (string line in File.ReadLines(part))
            {
                JsonElement root = JsonDocument.Parse(line).RootElement;
                JsonElement meta = root.GetProperty("meta");
                documents.Add(new Output(
                    meta.GetProperty("id").GetString()!,
                    root.GetProperty("text").GetString()!,
                    root.TryGetProperty("drop_reason", out JsonElement reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
                    IntOrNull(meta, "nlines"),
                    IntOrNull(meta, "original_nlines")));
            }
        }

        return (statistics, documents);
    }

    private static void AssertMatches(RunStatistics statistics, List<Output> output, List<Golden> golden, int expectedDropped, int expectedKeptLines)
    {
        golden.Should().HaveCount(Documents);
        golden.Count(g => g.Dropped).Should().Be(expectedDropped, "the golden is the one the README describes");
        golden.Where(g => !g.Dropped).Sum(g => g.NLines).Should().Be(expectedKeptLines);

        output.Select(o => o.Id).Should().BeEquivalentTo(golden.Select(g => g.Id), "keep-all output has every input document once");
        Dictionary<string, Output> byId = output.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var mismatches = new List<string>();
        foreach (Golden expected in golden)
        {
            Output actual = byId[expected.Id];
            if (expected.Dropped != (actual.DropReason is not null))
            {
                mismatches.Add($"{expected.Id}: cc_net {(expected.Dropped ? "drops" : "keeps")} it, ours drop_reason={actual.DropReason ?? "(none)"}");
            }
            else if (expected.Dropped)
            {
                if (actual.DropReason != CcnetLineDedupStep.Reason)
                {
                    mismatches.Add($"{expected.Id}: dropped as {actual.DropReason}, expected {CcnetLineDedupStep.Reason}");
                }
            }
            else if (actual.Text != expected.Text || actual.NLines != expected.NLines || actual.OriginalNLines != expected.OriginalNLines)
            {
                mismatches.Add($"{expected.Id}: ours ({actual.NLines}/{actual.OriginalNLines} lines) {JsonSerializer.Serialize(actual.Text)}\n  cc_net ({expected.NLines}/{expected.OriginalNLines} lines) {JsonSerializer.Serialize(expected.Text)}");
            }
        }

        mismatches.Should().BeEmpty();

        statistics.Read.Should().Be(Documents);
        statistics.Dropped.Should().Equal(new Dictionary<string, long> { [CcnetLineDedupStep.Reason] = expectedDropped });
        statistics.Written.Should().Be(Documents - expectedDropped);
        statistics.IsBalanced.Should().BeTrue();
        StepStatistics step = statistics.Steps.Single(s => s.Name == "line_dedup");
        (step.In, step.Kept).Should().Be(((long)Documents, (long)(Documents - expectedDropped)));
        output.Where(o => o.DropReason is null).Sum(o => o.NLines ?? 0).Should().Be(expectedKeptLines);
    }

    private static List<Golden> LoadGolden(string name) =>
        File.ReadLines(TestData.Fixture("ccnet-dedup/" + name)).Select(line =>
        {
            JsonElement root = JsonDocument.Parse(line).RootElement;
            bool dropped = root.GetProperty("dropped").GetBoolean();
            return new Golden(
                root.GetProperty("id").GetString()!,
                dropped,
                dropped ? null : root.GetProperty("text").GetString(),
                dropped ? null : root.GetProperty("nlines").GetInt32(),
                dropped ? null : root.GetProperty("original_nlines").GetInt32());
        }).ToList();

    private static int? IntOrNull(JsonElement meta, string name) =>
        meta.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private sealed record Golden(string Id, bool Dropped, string? Text, int? NLines, int? OriginalNLines);

    private sealed record Output(string Id, string Text, string? DropReason, int? NLines, int? OriginalNLines);
}
