using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;
using RedPajama.Tokenization;
using RedPajama.Udfs.Tokenization;
using RedPajama.Writing;

namespace RedPajama.Tests.Tokenization;

public sealed class PipelineTokenizationTests
{
    [Fact]
    public void Every_book_gets_the_token_count_sentencepiece_gives_its_whole_text()
    {
        SentencePieceReference.HasPythonModule.Should().BeTrue(SentencePieceReference.InstallHint);
        using var directory = new TemporaryDirectory();
        Run(new RunConfig(), directory.Path);

        List<object?[]> rows = DuckDb.Query($"SELECT text, meta.token_count FROM '{directory.Combine("part-00000.parquet")}' ORDER BY meta.url");
        IReadOnlyList<int> expected = SentencePieceReference.PythonTokenCounts(SentencePieceReference.MistralModel, rows.Select(r => (string)r[0]!).ToList());

        rows.Should().HaveCount(5);
        rows.Select(r => Convert.ToInt32(r[1], System.Globalization.CultureInfo.InvariantCulture)).Should().Equal(expected);
        expected.Sum().Should().BeGreaterThan(400_000, "five whole books, newlines included, are counted");
    }

    [Fact]
    public void Input_ids_are_a_list_of_int32_that_duckdb_reads_with_bos()
    {
        using var directory = new TemporaryDirectory();
        Run(new RunConfig { Tokenizer = { InputIds = true, AddBos = true } }, directory.Path);
        string parquet = directory.Combine("part-00000.parquet");

        DuckDb.Query($"SELECT typeof(input_ids) FROM '{parquet}' LIMIT 1")[0][0].Should().Be("INTEGER[]");
        List<object?[]> rows = DuckDb.Query($"SELECT text, meta.token_count, len(input_ids), input_ids FROM '{parquet}'");
        rows.Should().HaveCount(5);
        var tokenizer = TokenizerCache.Get(SentencePieceReference.MistralModel);
        foreach (object?[] row in rows)
        {
            int[] expected = tokenizer.Encode((string)row[0]!, addBos: true);
            Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected.Length);
            Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected.Length);
            ((System.Collections.IEnumerable)row[3]!).Cast<object>().Select(Convert.ToInt32).Should().Equal(expected);
            expected[0].Should().Be(tokenizer.BosId);
        }
    }

    [Fact]
    public void Jsonl_output_carries_token_count_in_meta_and_input_ids_as_a_list()
    {
        using var directory = new TemporaryDirectory();
        Run(new RunConfig { Format = "jsonl", Tokenizer = { InputIds = true, AddEos = true } }, directory.Path);

        var tokenizer = TokenizerCache.Get(SentencePieceReference.MistralModel);
        string[] lines = File.ReadAllLines(directory.Combine("part-00000.jsonl"));
        lines.Should().HaveCount(5);
        foreach (string line in lines)
        {
            using JsonDocument json = JsonDocument.Parse(line);
            int[] ids = json.RootElement.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            ids.Should().Equal(tokenizer.Encode(json.RootElement.GetProperty("text").GetString()!, addEos: true));
            json.RootElement.GetProperty("meta").GetProperty("token_count").GetInt64().Should().Be(ids.Length);
            line.Should().Contain("\"input_ids\": [", "json.dumps spacing");
        }
    }

    [Fact]
    public void Tokenization_can_be_turned_off()
    {
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, new RunConfig { Tokenizer = { TokenCount = false } });

        pipeline.Meta.IndexOf(TokenizeStep.TokenCountField).Should().Be(-1);
        pipeline.DocumentSteps.Should().NotContain(s => s is TokenizeStep);
        pipeline.WritesInputIds.Should().BeFalse();
    }

    [Fact]
    public void A_bad_model_path_stops_the_run_before_it_starts_with_the_path_in_the_message()
    {
        Action describe = () => SourceCatalog.Describe(BooksSource.SourceName, new RunConfig { Tokenizer = { Model = "/nowhere/llama.model" } });

        describe.Should().Throw<SentencePieceModelException>().Which.Message.Should().Contain("/nowhere/llama.model");
    }

    [Fact]
    public async Task The_run_command_reports_a_bad_tokenizer_model_as_a_usage_error()
    {
        using var directory = new TemporaryDirectory();
        string config = directory.Combine("run.yaml");
        File.WriteAllText(config, "tokenizer:\n  model: /nowhere/llama.model\n");
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await RedPajamaCommand.InvokeAsync(["run", "books", "-i", TestData.SampleBooks, "-o", directory.Combine("out"), "--config", config], output, error);

        code.Should().Be(ExitCodes.Usage);
        error.ToString().Should().Contain("/nowhere/llama.model");
    }

    private static RunStatistics Run(RunConfig config, string output)
    {
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, config);
        InputResolution resolution = InputResolver.Resolve([TestData.SampleBooks], BooksReader.Accepts);
        var options = new LocalEngineOptions { Threads = 2, Format = OutputFormats.Parse(config.Format) };
        RunStatistics statistics = new LocalEngine(options).RunAsync(pipeline, resolution.Files, output, resolution.Problems).GetAwaiter().GetResult();
        statistics.IsBalanced.Should().BeTrue();
        return statistics;
    }
}
