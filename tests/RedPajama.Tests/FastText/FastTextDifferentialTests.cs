using System.Globalization;
using System.Text;
using RedPajama.Cli;
using RedPajama.Tests.Support;
using RedPajama.Udfs.FastText;

namespace RedPajama.Tests.FastText;

/// <summary>
/// Same input, same output as the fastText CLI (Debian fasttext 0.9.2): 1376 real Wikipedia lines in 14 languages
/// through lid.176.ftz and four models the CLI trained (softmax, hierarchical softmax, one-vs-all, a quantised
/// softmax with a pruned dictionary), compared with <c>fasttext predict-prob</c> run live when it is installed and
/// with the golden files it wrote otherwise.
/// </summary>
public sealed class FastTextDifferentialTests
{
    private static string Fixture(string name) => TestData.Fixture(Path.Combine("fasttext", name));

    public static TheoryData<string, int> Models() => new()
    {
        { "lid.176.ftz", 5 },
        { "softmax.bin", 3 },
        { "hs.bin", 3 },
        { "ova.bin", 3 },
        { "softmax.ftz", 3 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Predict_prob_output_equals_the_fasttext_cli(string model, int k)
    {
        string path = model == "lid.176.ftz" ? Path.Combine(AppContext.BaseDirectory, "models", model) : Fixture(model);
        byte[] lines = File.ReadAllBytes(Fixture("lines.txt"));
        // Without the CLI, the output it wrote (fasttext/make-fixtures.sh): still a comparison, not a skip.
        string reference = ReferenceTool.Find("fasttext") is { } fasttext
            ? Encoding.UTF8.GetString(ExternalTool.Run(fasttext, ["predict-prob", path, "-", k.ToString(CultureInfo.InvariantCulture)], lines))
            : File.ReadAllText(Fixture($"golden/{model}.k{k}.txt"));

        string ours = RunOurs(FastTextModel.Load(path), lines, k);

        string[] expected = reference.Split('\n');
        string[] actual = ours.Split('\n');
        actual.Length.Should().Be(expected.Length).And.BeGreaterThan(1376);
        int exact = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i].Length == 0)
            {
                actual[i].Should().BeEmpty($"line {i + 1}");
                exact++;
                continue;
            }

            (string[] labels, double[] probabilities) = Parse(expected[i]);
            (string[] ourLabels, double[] ourProbabilities) = Parse(actual[i]);
            ourLabels.Should().Equal(labels, $"line {i + 1}");
            ourProbabilities.Zip(probabilities).Should().OnlyContain(p => Math.Abs(p.First - p.Second) <= 1e-4, $"line {i + 1}");
            exact += actual[i] == expected[i] ? 1 : 0;
        }

        exact.Should().Be(expected.Length, "the printed text is byte-identical, six significant digits included");
    }

    [Fact]
    public void Quirks_of_the_cli_are_kept_empty_lines_and_a_literal_end_of_sentence()
    {
        // An empty line is predicted (its only feature is </s>); a literal </s> ends an example mid-line, so that
        // line gives two results; a last line without a newline is predicted too.
        byte[] input = Encoding.UTF8.GetBytes("Das ist ein Satz auf Deutsch.\n\nThis is English </s> y esto es español\r\nsans fin de ligne en français");
        string path = Path.Combine(AppContext.BaseDirectory, "models", "lid.176.ftz");
        string ours = RunOurs(FastTextModel.Load(path), input, 2);
        string[] lines = ours.TrimEnd('\n').Split('\n');

        lines.Should().HaveCount(5);
        lines[0].Should().StartWith("__label__de ");
        lines[2].Should().StartWith("__label__en ");
        lines[3].Should().StartWith("__label__es ");
        lines[4].Should().StartWith("__label__fr ");
        ours.Should().Be(Encoding.UTF8.GetString(ExternalTool.Run(ReferenceTool.Require("fasttext", "fasttext"), ["predict-prob", path, "-", "2"], input)));
    }

    [Fact]
    public void Predict_of_one_text_equals_the_cli_line_with_newlines_as_spaces()
    {
        FastTextModel model = FastTextModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "lid.176.ftz"));
        const string Text = "Il était une fois\nun petit chat.";
        FastTextPrediction[] predictions = model.Predict(Text, k: 3);
        string cli = RunOurs(model, Encoding.UTF8.GetBytes("Il était une fois un petit chat.\n"), 3).TrimEnd('\n');

        string.Join(' ', predictions.Select(p => $"{p.Label} {LidCommand.FormatFloat(p.Probability)}")).Should().Be(cli);
        predictions[0].Label.Should().Be("__label__fr");
        model.Predict(string.Empty, k: 1).Should().ContainSingle("an empty text still has the </s> feature");
    }

    private static string RunOurs(FastTextModel model, byte[] input, int k)
    {
        using var output = new MemoryStream();
        LidCommand.Run(model, new MemoryStream(input), output, k, 0f);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static (string[] Labels, double[] Probabilities) Parse(string line)
    {
        string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return ([.. fields.Where((_, i) => i % 2 == 0)], [.. fields.Where((_, i) => i % 2 == 1).Select(f => double.Parse(f, CultureInfo.InvariantCulture))]);
    }
}
