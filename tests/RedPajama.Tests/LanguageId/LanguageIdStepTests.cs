using System.Globalization;
using System.Text;
using RedPajama.Configuration;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.LanguageId;
using RedPajama.Pipeline;
using RedPajama.Sources;
using RedPajama.Sources.Books;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.LanguageId;

/// <summary>CCNet's language identification as a pipeline step: labels and rounded scores, drops, and both engines' wiring.</summary>
public sealed class LanguageIdStepTests
{
    private static readonly LanguageIdConfig s_english = new() { Enabled = true, Languages = ["en"] };

    [Fact]
    public void Labels_and_scores_are_ccnets_on_the_sample_books_with_newlines_deleted()
    {
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, new RunConfig { Lid = new LanguageIdConfig { Enabled = true }, Quality = new QualityConfig { Signals = false }, Tokenizer = new TokenizerConfig { TokenCount = false } });
        LanguageIdStep step = pipeline.DocumentSteps.OfType<LanguageIdStep>().Single();
        var texts = TestData.SampleBookFiles.Select(f => RedPajama.Udfs.Books.GutenbergCleaner.Clean(File.ReadAllBytes(f)).Text).ToArray();

        (string? Language, double Score)[] ours = [.. texts.Select(step.Identify)];

        ours.Select(o => o.Language).Should().Equal(TestData.SampleBookFiles.Select(f => Path.GetFileName(f) == "fr-Candide.txt" ? "fr" : "en"));
        ours.Should().OnlyContain(o => o.Score >= 0.5 && o.Score <= 1 && Math.Round(o.Score, 2) == o.Score);
        // fastText's CLI on the same text with every newline deleted (CCNet: text.replace("\n", "")), rounded to 2.
        string fasttext = ReferenceTool.Require("fasttext", "fasttext");
        byte[] input = Encoding.UTF8.GetBytes(string.Concat(texts.Select(t => t.Replace("\n", string.Empty, StringComparison.Ordinal) + "\n")));
        string[] reference = Encoding.UTF8.GetString(ExternalTool.Run(fasttext, ["predict-prob", LanguageIdModels.ModelPath(null), "-", "1"], input))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        reference.Select(r => r.Split(' ')[0]["__label__".Length..]).Should().Equal(ours.Select(o => o.Language));
        reference.Select(r => Math.Round(double.Parse(r.Split(' ')[1], CultureInfo.InvariantCulture), 2, MidpointRounding.ToEven))
            .Should().Equal(ours.Select(o => o.Score));
    }

    [Fact]
    public async Task A_run_keeping_english_drops_candide_and_writes_language_and_score()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        var config = new RunConfig { Lid = s_english, Quality = new QualityConfig { Signals = false }, Tokenizer = new TokenizerConfig { TokenCount = false } };
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, config);
        var inputs = RedPajama.Reading.InputResolver.Resolve([TestData.SampleBooks], BooksReader.Accepts);

        RunStatistics statistics = await new LocalEngine(new LocalEngineOptions { KeepAll = true, Format = RedPajama.Writing.OutputFormat.Jsonl })
            .RunAsync(pipeline, inputs.Files, output, inputs.Problems);

        statistics.Dropped.Should().Equal(new Dictionary<string, long> { [LanguageIdStep.OtherLanguageReason] = 1 });
        statistics.Steps.Single(s => s.Name == "language_id").In.Should().Be(5);
        string[] lines = File.ReadAllLines(Path.Combine(output, "part-00000.jsonl"));
        lines.Should().ContainSingle(l => l.Contains("\"language\": \"fr\"", StringComparison.Ordinal) && l.Contains("\"drop_reason\": \"other_language\"", StringComparison.Ordinal));
        lines.Where(l => l.Contains("\"language\": \"en\"", StringComparison.Ordinal)).Should().HaveCount(4)
            .And.OnlyContain(l => l.Contains("\"language_score\": ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_text_or_a_low_score_is_dropped_and_a_bad_model_is_a_clear_error()
    {
        PipelineDescription pipeline = SourceCatalog.Describe(BooksSource.SourceName, new RunConfig { Lid = new LanguageIdConfig { Enabled = true, MinScore = 0.99 }, Quality = new QualityConfig { Signals = false }, Tokenizer = new TokenizerConfig { TokenCount = false } });
        LanguageIdStep step = pipeline.DocumentSteps.OfType<LanguageIdStep>().Single();
        var mixed = new Documents.Document(new Documents.OrderKey(0, 0), pipeline.Meta.Count) { Text = "Hello there. Bonjour à tous. Guten Tag zusammen. Buongiorno a tutti." };

        step.Apply(mixed);

        mixed.DropReason.Should().Be(LanguageIdStep.LowScoreReason, "a mixed-language line scores below 0.99");
        using var directory = new TemporaryDirectory();
        string broken = directory.Combine("lid.bin");
        File.WriteAllBytes(broken, [1, 2, 3]);
        FluentActions.Invoking(() => SourceCatalog.Describe(BooksSource.SourceName, new RunConfig { Lid = new LanguageIdConfig { Enabled = true, Model = broken } }))
            .Should().Throw<RedPajama.Udfs.FastText.FastTextModelException>().WithMessage("*lid.bin*");
    }
}
