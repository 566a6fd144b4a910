using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RedPajama.Cli;
using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Tests.Support;
using RedPajama.Udfs.FastText;
using RedPajama.Writing;

namespace RedPajama.Tests.CcClassifier;

/// <summary>
/// classify.py's prediction (<c>" ".join(raw_content.strip().splitlines())</c>, k = 1, wiki_prob = 1 − p for
/// <c>__label__cc</c>) against <c>fasttext predict-prob</c> on a model the fastText CLI trained, for every fixture
/// document; the unrounded floats as Python's <c>json.dumps</c> prints them; the step in <c>redpajama run commoncrawl</c>.
/// </summary>
public sealed class WikiReferenceClassifierStepTests
{
    [Fact]
    public void Predictions_equal_fasttext_predict_prob_for_every_fixture_document()
    {
        string model = ClassifierFixtures.ReferenceModel;
        IReadOnlyList<string> documents = ClassifierFixtures.AllRawContents();
        // Python's predict stops at a literal </s> token (fastText's end of line), where the CLI would start another
        // example on the same line: the CLI gets each text up to that token. Some StackExchange bodies hold <s>…</s>.
        string[] full = [.. documents.Select(WikiReferenceText.ForPrediction)];
        string[] texts = [.. full.Select(UpToEndOfSentence)];
        Enumerable.Range(0, texts.Length).Count(i => texts[i].Length < full[i].Length).Should().Be(1, "one fixture document tests the rule");
        byte[] input = Encoding.UTF8.GetBytes(string.Concat(texts.Select(t => t + "\n")));
        string[] theirs = Encoding.UTF8.GetString(ExternalTool.Run(ReferenceTool.Require("fasttext", "fasttext"), ["predict-prob", model, "-", "1"], input))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        FastTextModel loaded = FastTextModel.Load(model);

        theirs.Should().HaveCount(documents.Count).And.HaveCount(209, "45 wiki records and 164 CC records, tail and dedup files included");
        int wiki = 0;
        for (int i = 0; i < documents.Count; i++)
        {
            string[] parts = theirs[i].Split(' ');
            double probability = double.Parse(parts[1], CultureInfo.InvariantCulture);
            (string? label, double? labelProb, double? wikiProb) = WikiReferenceClassifierStep.Classify(loaded, documents[i]);

            label.Should().Be(parts[0], $"document {i}");
            labelProb!.Value.Should().BeApproximately(probability, 1e-4, $"document {i}");
            wikiProb!.Value.Should().BeApproximately(parts[0] == "__label__cc" ? 1 - probability : probability, 1e-4, $"document {i}");
            LidCommand.FormatFloat((float)labelProb.Value).Should().Be(parts[1], "the CLI prints the same float to six digits");
            wiki += label == "__label__wiki" ? 1 : 0;
        }

        // Both labels occur, so both branches of wiki_prob are compared.
        wiki.Should().BeInRange(1, documents.Count - 1);
    }

    [PythonFact]
    public void Floats_are_classify_py_arithmetic_and_print_as_python_json_dumps()
    {
        FastTextModel loaded = FastTextModel.Load(ClassifierFixtures.ReferenceModel);
        var predictions = ClassifierFixtures.AllRawContents().Select(d => WikiReferenceClassifierStep.Classify(loaded, d)).ToList();
        // Python gets fastText's float32 as a double (pybind11), then computes 1 - p and json.dumps both.
        string input = string.Concat(predictions.Select(p => Invariant($"{p.Label} {BitConverter.SingleToInt32Bits((float)p.LabelProb!.Value)}\n")));
        const string Script = """
            import json, struct, sys
            for line in sys.stdin:
                label, bits = line.split()
                p = struct.unpack("<f", struct.pack("<i", int(bits)))[0]
                wiki_prob = 1 - p if label == "__label__cc" else p
                print(json.dumps({"pred_label": label, "pred_label_prob": p, "wiki_prob": wiki_prob}))
            """;

        string[] expected = PythonReference.Run(Script, input).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        expected.Should().HaveCount(predictions.Count);
        for (int i = 0; i < predictions.Count; i++)
        {
            var json = new StringBuilder("{");
            (string? label, double? labelProb, double? wikiProb) = predictions[i];
            json.Append("\"pred_label\": ");
            PythonJson.WriteValue(json, label);
            json.Append(", \"pred_label_prob\": ").Append(PythonJson.FormatFloat(labelProb!.Value));
            json.Append(", \"wiki_prob\": ").Append(PythonJson.FormatFloat(wikiProb!.Value)).Append('}');
            json.ToString().Should().Be(expected[i], $"document {i}");
        }

        expected.Should().Contain(l => l.Contains("\"pred_label\": \"__label__cc\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_threshold_keeps_wiki_prob_equal_to_it_and_drops_below()
    {
        FastTextModel loaded = FastTextModel.Load(ClassifierFixtures.ReferenceModel);
        string text = ClassifierFixtures.AllRawContents()[0];
        double wikiProb = WikiReferenceClassifierStep.Classify(loaded, text).WikiProb!.Value;
        var meta = new MetaSchema([.. CommonCrawlMeta.Schema.Fields, .. WikiReferenceClassifierStep.Fields]);

        Document At(double threshold)
        {
            var document = new Document(new OrderKey(0, 0), meta.Count) { Text = text };
            new WikiReferenceClassifierStep(loaded, meta, threshold).Apply(document);
            return document;
        }

        At(wikiProb).IsDropped.Should().BeFalse();
        Document dropped = At(Math.BitIncrement(wikiProb));
        dropped.DropReason.Should().Be(WikiReferenceClassifierStep.LowWikiProbReason);
        dropped.Meta[meta.IndexOf(WikiReferenceClassifierStep.WikiProb)].Should().Be(wikiProb, "a dropped document still carries its scores");
    }

    [Fact]
    public async Task Run_commoncrawl_with_a_classifier_adds_the_three_fields_and_drops_below_the_threshold()
    {
        using var directory = new TemporaryDirectory();
        string[] inputs = [TestData.Fixture("commoncrawl/ccnet-sample.warc.wet"), TestData.Fixture("commoncrawl/whirlwind.warc.wet.gz")];
        string[] common = ["run", "commoncrawl", "--input", .. inputs, "--format", "jsonl", "--keep-all", "--languages", "all"];

        (int code, _, string stderr) = await CliRun.Invoke([.. common, "--output", directory.Combine("with"), "--classifier", ClassifierFixtures.ReferenceModel]);
        code.Should().Be(ExitCodes.Success, stderr);
        (code, _, stderr) = await CliRun.Invoke([.. common, "--output", directory.Combine("without")]);
        code.Should().Be(ExitCodes.Success, stderr);

        FastTextModel loaded = FastTextModel.Load(ClassifierFixtures.ReferenceModel);
        List<JsonElement> with = ReadJsonl(directory.Combine("with"));
        with.Should().HaveCount(6, "keep-all: 4 + 2 WARC records");
        int classified = 0;
        foreach (JsonElement row in with)
        {
            JsonElement meta = row.GetProperty("meta");
            if (!meta.TryGetProperty("pred_label", out _))
            {
                // Dropped before the classifier: the warcinfo records, one sample document under 300 code points.
                row.GetProperty("drop_reason").GetString().Should().BeOneOf("not_conversion", MinLengthStep.Reason, "low_language_score");
                continue;
            }

            JsonElement reason;
            (string? label, double? labelProb, double? wikiProb) = WikiReferenceClassifierStep.Classify(loaded, row.GetProperty("text").GetString()!);
            meta.GetProperty("pred_label").GetString().Should().Be(label);
            meta.GetProperty("pred_label_prob").GetDouble().Should().Be(labelProb);
            meta.GetProperty("wiki_prob").GetDouble().Should().Be(wikiProb);
            (row.TryGetProperty("drop_reason", out reason) ? reason.GetString() : null)
                .Should().Be(wikiProb < 0.25 ? WikiReferenceClassifierStep.LowWikiProbReason : null);
            classified++;
        }

        classified.Should().Be(3, "one sample document is too short and dropped before the classifier");

        List<JsonElement> without = ReadJsonl(directory.Combine("without"));
        without.Should().HaveCount(6);
        without.Select(row => row.GetProperty("meta").EnumerateObject().Select(p => p.Name)).Should().OnlyContain(names => !names.Contains("wiki_prob") && !names.Contains("pred_label"));
    }

    [Fact]
    public void The_configuration_names_the_model_and_threshold_and_the_step_runs_last()
    {
        RunConfig config = RunConfigLoader.Parse($"commoncrawl:\n  classifier: {ClassifierFixtures.ReferenceModel}\n  min_wiki_prob: 0.5\n");

        PipelineDescription pipeline = new CommonCrawlSource().Describe(config);

        pipeline.Steps[^1].Should().BeOfType<WikiReferenceClassifierStep>();
        // classify.py's record: pred_label, pred_label_prob, wiki_prob, (text,) source.
        pipeline.Meta.Fields.TakeLast(4).Select(f => (f.Name, f.Type)).Should().Equal(
            ("pred_label", MetaType.Text), ("pred_label_prob", MetaType.Float), ("wiki_prob", MetaType.Float), ("source", MetaType.Text));
        new CommonCrawlSource().Describe(new RunConfig()).Steps.Should().NotContain(s => s is WikiReferenceClassifierStep);

        // min_wiki_prob reaches the step: at 0 every document stays, at 1 all but certain wiki pages go.
        string text = ClassifierFixtures.AllRawContents()[^1];
        foreach ((double threshold, bool dropped) in new[] { (0.0, false), (1.0, true) })
        {
            PipelineDescription described = new CommonCrawlSource().Describe(RunConfigLoader.Parse(
                FormattableString.Invariant($"commoncrawl:\n  classifier: {ClassifierFixtures.ReferenceModel}\n  min_wiki_prob: {threshold}\n")));
            var document = new Document(new OrderKey(0, 0), described.Meta.Count) { Text = text };
            ((IDocumentStep)described.Steps[^1]).Apply(document);
            document.IsDropped.Should().Be(dropped, $"min_wiki_prob {threshold}");
        }
        Action outOfRange = () => RunConfigLoader.Parse("commoncrawl:\n  min_wiki_prob: 1.5\n");
        outOfRange.Should().Throw<FormatException>().WithMessage("*commoncrawl.min_wiki_prob*");
    }

    [Fact]
    public async Task The_classifier_option_goes_with_commoncrawl_only()
    {
        using var directory = new TemporaryDirectory();

        (int code, _, string stderr) = await CliRun.Invoke("run", "books", "--input", TestData.SampleBooks, "--output", directory.Combine("out"), "--classifier", ClassifierFixtures.ReferenceModel);

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain("--classifier go with the commoncrawl source");
    }

    private static string UpToEndOfSentence(string text) =>
        Regex.Match(text, @"(?<=^|[ \t\v\f\r\0])</s>(?=$|[ \t\v\f\r\0])") is { Success: true } match ? text[..match.Index] : text;

    private static List<JsonElement> ReadJsonl(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadLines)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
