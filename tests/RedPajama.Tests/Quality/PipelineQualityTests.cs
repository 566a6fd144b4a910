using System.Globalization;
using System.Text.Json;
using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Quality;
using RedPajama.Writing;

namespace RedPajama.Tests.Quality;

/// <summary>Quality scoring inside a run: signal columns, the filter's accounting per rule, keep-all output.</summary>
public sealed class PipelineQualityTests
{
    private static readonly QualitySignalComputer s_computer = new(new QualityWordLists(QualityGolden.BadWordsDirectory));

    [Fact]
    public void Parquet_has_typed_signal_columns_that_duckdb_reads_and_a_keep_flag()
    {
        using var directory = new TemporaryDirectory();
        RunStatistics statistics = Run(new QualityConfig { Preset = "gopher" }, directory, OutputFormat.Parquet);
        string parquet = directory.Combine("out", "part-00000.parquet");

        // Gopher drops the short row (its top 2-gram: repetition rules come first, as in datatrove's pipelines), the two
        // novels over 100,000 words and the French one (no English stop words).
        statistics.Steps.Single(s => s.Name == "quality_filter").Dropped.Should().Equal(
            new Dictionary<string, long> { ["gopher_enough_stop_words"] = 1, ["gopher_long_doc"] = 2, ["top_2_gram"] = 1 });
        DuckDb.Query($"SELECT typeof(rps_doc_word_count), typeof(rps_doc_mean_word_length), typeof(rps_lines_num_words) FROM '{parquet}' LIMIT 1")[0]
            .Should().Equal("BIGINT", "DOUBLE", "STRUCT(\"start\" BIGINT, \"end\" BIGINT, \"value\" DOUBLE)[]");

        List<object?[]> rows = DuckDb.Query(
            $"SELECT text, rps_doc_word_count, gopher_dup_line_frac, len(rps_lines_num_words), list_sum([s.value FOR s IN rps_lines_num_words]), " +
            $"rps_lines_num_words[1].start, keep, drop_reason FROM '{parquet}' ORDER BY len(text)");
        rows.Should().HaveCount(6);
        foreach (object?[] row in rows)
        {
            string text = (string)row[0]!;
            QualitySignalValues expected = s_computer.Compute(text, "en");
            Convert.ToDouble(row[1], CultureInfo.InvariantCulture).Should().Be(expected.Get("rps_doc_word_count"));
            row[2].Should().Be(expected.Get("gopher_dup_line_frac"));
            Convert.ToInt32(row[3], CultureInfo.InvariantCulture).Should().Be(expected.GetLines("rps_lines_num_words")!.Count);
            Convert.ToDouble(row[4], CultureInfo.InvariantCulture).Should().Be(expected.Get("rps_doc_word_count"), "the line word counts add up to the document's");
            Convert.ToInt64(row[5], CultureInfo.InvariantCulture).Should().Be(0);
            row[7].Should().Be(RedPajama.Quality.QualityRuleSet.Preset("gopher").FirstFailure(expected, "books")?.Name);
            row[6].Should().Be(row[7] is null);
        }

        rows[0][7].Should().Be("top_2_gram");
    }

    [Fact]
    public void Jsonl_carries_quality_signals_in_redpajama_v2_span_format()
    {
        using var directory = new TemporaryDirectory();
        Run(new QualityConfig(), directory, OutputFormat.Jsonl);

        string[] lines = File.ReadAllLines(directory.Combine("out", "part-00000.jsonl"));
        lines.Should().HaveCount(6);
        foreach (string line in lines)
        {
            using JsonDocument json = JsonDocument.Parse(line);
            string text = json.RootElement.GetProperty("text").GetString()!;
            JsonElement signals = json.RootElement.GetProperty("quality_signals");
            JsonElement wordCount = signals.GetProperty("rps_doc_word_count")[0];
            wordCount[1].GetInt64().Should().Be(text.EnumerateRunes().Count(), "a document span covers the text in code points");
            wordCount[2].GetDouble().Should().Be(s_computer.Compute(text, "en").Get("rps_doc_word_count")!.Value);
            signals.GetProperty("rps_lines_num_words").GetArrayLength().Should().Be(text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1));
            json.RootElement.GetProperty("keep").GetBoolean().Should().BeTrue("no rules: everything is kept");
        }
    }

    [Fact]
    public void Without_line_signals_the_spans_are_not_written_but_rules_still_aggregate_lines()
    {
        using var directory = new TemporaryDirectory();
        string rules = directory.Combine("rules.yaml");
        File.WriteAllText(rules, "rules:\n  - {name: many_words, signal: rps_lines_num_words, aggregate: sum, max: 1000}\n");
        RunStatistics statistics = Run(new QualityConfig { LineSignals = false, RulesFile = rules }, directory, OutputFormat.Parquet);

        List<string> columns = DuckDb.Query($"DESCRIBE SELECT * FROM '{directory.Combine("out", "part-00000.parquet")}'").Select(r => (string)r[0]!).ToList();
        columns.Should().Contain(["rps_doc_word_count", "c4_num_sentences", "keep"]);
        columns.Should().NotContain(c => c.StartsWith("rps_lines_", StringComparison.Ordinal) || c == "c4_lines_kept");
        // The line word counts of each book add up to far more than 1000; the short row's to 6.
        statistics.Dropped.Should().Equal(new Dictionary<string, long> { ["many_words"] = 5 });
    }

    [Fact]
    public void Turning_signals_off_without_rules_leaves_the_pipeline_as_it_was()
    {
        PipelineDescription plain = BooksSource.Describe(new BooksOptions());
        PipelineDescription described = SourceCatalog.Describe(BooksSource.SourceName, new RunConfig { Quality = { Signals = false }, Tokenizer = { TokenCount = false } });

        described.WritesSignals.Should().BeFalse();
        described.StepNames.Should().Equal(plain.StepNames);
    }

    [Fact]
    public void Rules_without_signal_columns_still_filter()
    {
        PipelineDescription described = SourceCatalog.Describe(BooksSource.SourceName, new RunConfig { Quality = { Signals = false, Preset = "c4" } });

        described.WritesSignals.Should().BeFalse();
        described.StepNames.Should().ContainInConsecutiveOrder("quality_signals", "quality_filter");
    }

    private static RunStatistics Run(QualityConfig quality, TemporaryDirectory directory, OutputFormat format)
    {
        string inputs = TestData.CopySampleBooks(directory.Combine("in"));
        File.WriteAllText(Path.Combine(inputs, "short.jsonl"), "{\"short_book_title\": \"Short\", \"url\": \"http://example.org/1\", \"text\": \"Too short to be a book.\"}\n");
        var config = new RunConfig { Quality = quality, Tokenizer = { TokenCount = false } };
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, config);
        InputResolution resolution = InputResolver.Resolve([inputs], BooksReader.Accepts);
        var options = new LocalEngineOptions { Threads = 2, Format = format, KeepAll = true };
        RunStatistics statistics = new LocalEngine(options).RunAsync(pipeline, resolution.Files, directory.Combine("out"), resolution.Problems).GetAwaiter().GetResult();
        statistics.IsBalanced.Should().BeTrue();
        return statistics;
    }
}
