using System.Text.Json;
using RedPajama.Tests.Support;
using RedPajama.Tokenization;
using RedPajama.Udfs.Text;

namespace RedPajama.Tests.Udfs;

/// <summary>
/// Punkt against NLTK 3.8's own <c>PunktSentenceTokenizer</c>: every case of the goldens
/// (fixtures/punkt/make_golden.py; web, book and Wikipedia text, edge cases, fuzz) split into the same spans, and
/// counted the same, with the bundled model, with no parameters and with a hand-written model that has collocations.
/// </summary>
public sealed class PunktSentenceTokenizerTests
{
    private static readonly string s_fixtures = Path.Combine(TestData.Fixtures, "punkt");

    [Theory]
    [InlineData("golden.jsonl", "bundled")]
    [InlineData("golden-empty.jsonl", "empty")]
    [InlineData("golden-synthetic.jsonl", "synthetic")]
    public void Spans_and_counts_equal_nltk(string golden, string model)
    {
        PunktParameters parameters = model switch
        {
            "bundled" => PunktParameters.Load(BundledModels.PunktDirectory),
            "empty" => PunktParameters.Empty,
            _ => PunktParameters.Load(Path.Combine(s_fixtures, "synthetic")),
        };
        var tokenizer = new PunktSentenceTokenizer(parameters);
        int cases = 0;
        var mismatches = new List<string>();
        foreach (string line in File.ReadLines(Path.Combine(s_fixtures, golden)))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            string text = document.RootElement.GetProperty("text").GetString()!;
            (int, int)[] expected = document.RootElement.GetProperty("spans").EnumerateArray()
                .Select(span => (span[0].GetInt32(), span[1].GetInt32())).ToArray();
            cases++;
            IReadOnlyList<(int Start, int End)> spans = tokenizer.SpanTokenize(text);
            int count = tokenizer.CountSentences(text);
            if (!spans.SequenceEqual(expected) || count != expected.Length)
            {
                mismatches.Add($"{JsonSerializer.Serialize(text)}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", spans)}], count {count}");
            }
        }

        cases.Should().BeGreaterThan(600);
        mismatches.Should().BeEmpty($"all {cases} cases of {golden} should match NLTK");
    }

    [Fact]
    public void One_tokenizer_serves_many_threads()
    {
        var tokenizer = new PunktSentenceTokenizer(PunktParameters.Load(BundledModels.PunktDirectory));
        (string Text, int Count)[] cases = File.ReadLines(Path.Combine(s_fixtures, "golden.jsonl")).Select(line =>
        {
            using JsonDocument document = JsonDocument.Parse(line);
            return (document.RootElement.GetProperty("text").GetString()!, document.RootElement.GetProperty("spans").GetArrayLength());
        }).ToArray();
        int wrong = 0;
        Parallel.For(0, cases.Length * 4, i =>
        {
            (string text, int count) = cases[i % cases.Length];
            if (tokenizer.CountSentences(text) != count)
            {
                Interlocked.Increment(ref wrong);
            }
        });
        wrong.Should().Be(0);
    }

    [Fact]
    public void Bundled_model_loads()
    {
        PunktParameters parameters = PunktParameters.Load(BundledModels.PunktDirectory);
        parameters.AbbreviationCount.Should().BeGreaterThan(50);
        parameters.SentenceStarterCount.Should().BeGreaterThan(10);
        parameters.OrthographicContextCount.Should().BeGreaterThan(10_000);
    }

    [Fact]
    public void Tokenize_returns_the_span_texts()
    {
        var tokenizer = new PunktSentenceTokenizer(PunktParameters.Load(BundledModels.PunktDirectory));
        tokenizer.Tokenize("Mr. Smith went to Washington. He arrived (late.) Then he slept.")
            .Should().Equal("Mr. Smith went to Washington.", "He arrived (late.)", "Then he slept.");
        tokenizer.CountSentences("   ").Should().Be(0);
        tokenizer.CountSentences("").Should().Be(0);
    }

    [Fact]
    public void Load_rejects_malformed_files()
    {
        string directory = Path.Combine(Path.GetTempPath(), "punkt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "abbrev_types.txt"), "dr\nmr\n");
            File.WriteAllText(Path.Combine(directory, "sent_starters.txt"), "the\n");
            File.WriteAllText(Path.Combine(directory, "collocations.tab"), "s\tbach\r\n");
            File.WriteAllText(Path.Combine(directory, "ortho_context.tab"), "the\t50\nbach\tmany\n");
            FluentActions.Invoking(() => PunktParameters.Load(directory))
                .Should().Throw<InvalidDataException>().WithMessage("*ortho_context.tab, line 2*not an integer*");

            File.WriteAllText(Path.Combine(directory, "ortho_context.tab"), "the\t50\n");
            File.WriteAllText(Path.Combine(directory, "collocations.tab"), "s bach\n");
            FluentActions.Invoking(() => PunktParameters.Load(directory))
                .Should().Throw<InvalidDataException>().WithMessage("*collocations.tab, line 1*two tab-separated fields*");

            File.Delete(Path.Combine(directory, "collocations.tab"));
            FluentActions.Invoking(() => PunktParameters.Load(directory)).Should().Throw<FileNotFoundException>();
            FluentActions.Invoking(() => PunktParameters.Load(Path.Combine(directory, "absent"))).Should().Throw<DirectoryNotFoundException>();

            File.WriteAllText(Path.Combine(directory, "collocations.tab"), "s\tbach\r\nno\tone");
            PunktParameters parameters = PunktParameters.Load(directory);
            parameters.CollocationCount.Should().Be(2);
            parameters.AbbreviationCount.Should().Be(2);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
