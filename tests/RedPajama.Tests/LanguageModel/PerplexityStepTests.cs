using System.Globalization;
using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.LanguageModel;
using RedPajama.Pipeline;
using RedPajama.Udfs.LanguageModel;
using RedPajama.Udfs.Text;

namespace RedPajama.Tests.LanguageModel;

public sealed class PerplexityStepTests(PerplexityModelFolder models) : IClassFixture<PerplexityModelFolder>
{
    // cc_net's text_normalizer.normalize on these inputs, printed by its Python (3.11.7) once; written out here so
    // the step's normalisation is checked against text, not against the function it calls.
    private const string Raw = "  The QUICK brown fox—jumps over 12 lazy dogs…\nIt’s «café» time！  ";
    private const string Normalized = "the quick brown fox - jumps over 00 lazy dogs...it's \"cafe\" time!";

    private static readonly MetaSchema s_meta = new(
        new MetaField("language", MetaType.Text),
        new MetaField(PerplexityStep.PerplexityField, MetaType.Float),
        new MetaField(PerplexityStep.BucketField, MetaType.Text));

    [Theory]
    [InlineData(Raw, Normalized)]
    [InlineData("Ｈｅｌｌｏ １２３ ٣ 한국어 Å ﬁne\u0085x\ty\u00a0z ．end", "ｈｅｌｌｏ 000 0 \u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165 a ﬁnexy\u00a0z . end")]
    [InlineData("\u00a0 Straße İstanbul ΣΑΣ\u00a0", "straße istanbul σας")]
    [InlineData(" \n\t ", "")]
    public void Text_is_normalised_as_cc_net_normalize_does(string text, string expected)
    {
        // Hangul stays decomposed (NFD is not recomposed), the full-width one is a digit before it is punctuation,
        // U+0085 and the tab are control characters, the no-break space inside is kept, İ loses its combining dot.
        CcnetTextNormalizer.Normalize(text).Should().Be(expected);
    }

    [Fact]
    public void Perplexity_is_cc_net_s_of_the_pieces_of_the_normalised_text()
    {
        PerplexityStep step = Step(Buckets("en", 10, 20));
        double expected = CcnetPerplexity.Of(models.Model, string.Join(' ', models.Tokenizer.EncodeToPieces(Normalized)));
        double raw = CcnetPerplexity.Of(models.Model, string.Join(' ', models.Tokenizer.EncodeToPieces(Raw)));

        Document document = Apply(step, Raw, "en");

        document.Meta[1].Should().Be(expected);
        expected.Should().NotBe(raw, "the text is scored after normalisation");
        expected.Should().Be(Math.Round(expected, 1)).And.BeGreaterThan(1);
        foreach (string line in models.HeldOut.Take(20))
        {
            Apply(step, line, "en").Meta[1].Should().Be(
                CcnetPerplexity.Of(models.Model, string.Join(' ', models.Tokenizer.EncodeToPieces(CcnetTextNormalizer.Normalize(line)))), line);
        }
    }

    [Fact]
    public void Held_out_prose_scores_lower_than_shuffled_words()
    {
        // The model is really used: the same words in reverse order are far less likely.
        PerplexityStep step = Step(Buckets("en", 10, 20));
        string prose = string.Join('\n', models.HeldOut.Take(10));
        string reversed = string.Join(' ', prose.Split((char[])[' ', '\n']).Reverse());

        ((double)step.Score(prose, "en").Perplexity!).Should().BeLessThan((double)step.Score(reversed, "en").Perplexity!);
    }

    [Fact]
    public void Buckets_split_at_the_30th_and_60th_percentile_rows()
    {
        double pp = (double)Step(Buckets("en", 10, 20)).Score(Raw, "en").Perplexity!;

        Bucket(Buckets("en", Math.Round(pp + 0.1, 1), pp + 100)).Should().Be("head", "just under the head cutoff");
        Bucket(Buckets("en", pp, pp + 100)).Should().Be("middle", "equal to the head cutoff");
        Bucket(Buckets("en", pp - 50, Math.Round(pp + 0.1, 1))).Should().Be("middle", "just under the tail cutoff");
        Bucket(Buckets("en", pp - 50, pp)).Should().Be("tail", "equal to the tail cutoff");
        Bucket(Buckets("de", pp + 10, pp + 100)).Should().Be(PerplexityStep.NoBucket, "no cutoffs for en");

        string Bucket(PerplexityBuckets buckets)
        {
            Document document = Apply(Step(buckets), Raw, "en");
            document.Meta[1].Should().Be(pp);
            return (string)document.Meta[2]!;
        }
    }

    [Fact]
    public void A_language_without_a_model_is_unscored_and_in_bucket_all()
    {
        PerplexityStep step = Step(Buckets("en", 10, 20), defaultLanguage: "en");
        File.WriteAllText(System.IO.Path.Combine(models.Path, "fr.arpa"), "not read: no fr.sp.model beside it");

        foreach ((string? language, string text) in new (string?, string)[] { ("de", Raw), ("fr", Raw), ("../en", Raw), ("en", ""), ("en", " \n ") })
        {
            Document document = Apply(step, text, language);
            document.Meta[1].Should().BeNull($"{language}: {text}");
            document.Meta[2].Should().Be(PerplexityStep.NoBucket);
            document.IsDropped.Should().BeFalse();
        }
    }

    [Fact]
    public void The_default_language_is_used_only_for_documents_without_one()
    {
        PerplexityStep withDefault = Step(Buckets("en", 10, 20), defaultLanguage: "en");
        PerplexityStep withoutDefault = Step(Buckets("en", 10, 20));
        var noLanguageField = new PerplexityStep(models.Path, Buckets("en", 10, 20), new MetaSchema(s_meta.Fields.Skip(1).ToArray()), "language", "en");
        double pp = (double)withDefault.Score(Raw, "en").Perplexity!;

        Apply(withDefault, Raw, null).Meta[1].Should().Be(pp);
        Apply(withDefault, Raw, "de").Meta[1].Should().BeNull("the document's own language has no model");
        Apply(withoutDefault, Raw, null).Meta[2].Should().Be(PerplexityStep.NoBucket);
        var document = new Document(default, 2) { Text = Raw };
        noLanguageField.Apply(document);
        document.Meta[0].Should().Be(pp);
        document.Meta[1].Should().Be("tail");
    }

    [Fact]
    public void The_binary_model_is_preferred_and_scores_as_the_arpa_and_a_damaged_kenlm_binary_is_an_error()
    {
        string folder = System.IO.Path.GetDirectoryName(models.NewFile("x"))!;
        File.Copy(models.SentencePiecePath, System.IO.Path.Combine(folder, "en.sp.model"));
        File.Copy(models.ArpaPath, System.IO.Path.Combine(folder, "en.arpa"));
        models.Model.SaveBinary(System.IO.Path.Combine(folder, "en.arpa.bin"));
        File.Copy(models.SentencePiecePath, System.IO.Path.Combine(folder, "xx.sp.model"));
        File.WriteAllText(System.IO.Path.Combine(folder, "xx.arpa.bin"), "mmap lm http://kheafield.com/code format version 5\n\0");
        var step = new PerplexityStep(folder, Buckets("en", 10, 20), s_meta, "language", null);

        PerplexityModels.Find(folder, "en")!.Value.Model.IsMapped.Should().BeTrue();
        step.Score(Raw, "en").Perplexity.Should().Be(Step(Buckets("en", 10, 20)).Score(Raw, "en").Perplexity);
        Action kenLm = () => step.Score(Raw, "xx");
        kenLm.Should().Throw<ArpaFormatException>().WithMessage("*not a usable KenLM binary model*");
    }

    [Fact]
    public void Documents_scored_in_parallel_get_what_one_thread_gives()
    {
        string[] texts = [.. models.HeldOut.Take(120)];
        double[] sorted = [.. texts.Select(t => (double)Step(Buckets("en", 10, 20)).Score(t, "en").Perplexity!).Order()];
        PerplexityBuckets thirds = Buckets("en", sorted[sorted.Length / 3], sorted[sorted.Length * 2 / 3]);
        PerplexityStep first = Step(thirds);
        (double?, string)[] expected = [.. texts.Select(t => first.Score(t, "en"))];
        PerplexityStep fresh = Step(thirds);
        var results = new (double?, string)[texts.Length];

        Parallel.For(0, texts.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            Document document = Apply(fresh, texts[i % texts.Length], "en");
            results[i % texts.Length] = ((double?)document.Meta[1], (string)document.Meta[2]!);
        });

        results.Should().Equal(expected);
        expected.Select(e => e.Item2).Distinct().Should().HaveCount(3, "the cutoffs split these documents in thirds");
    }

    [Fact]
    public void From_config_adds_the_two_fields_and_builds_a_step_on_the_extended_schema()
    {
        var before = new MetaSchema(new MetaField("url", MetaType.Text), new MetaField("language", MetaType.Text));
        string cutoffs = models.NewFile("cutoff.csv");
        File.WriteAllLines(cutoffs, CutoffLines("en", 10, 20));
        var config = new PerplexityConfig { Enabled = true, ModelDir = models.Path, Cutoffs = cutoffs };

        (IDocumentStep? step, IReadOnlyList<MetaField> added) = PerplexitySteps.FromConfig(config, before);

        added.Should().Equal(new MetaField("perplexity", MetaType.Float), new MetaField("bucket", MetaType.Text));
        var document = new Document(default, 4) { Text = Raw };
        document.Meta[1] = "en";
        step!.Apply(document);
        document.Meta[2].Should().Be(Step(Buckets("en", 10, 20)).Score(Raw, "en").Perplexity);
        document.Meta[3].Should().Be("tail");

        PerplexitySteps.FromConfig(new PerplexityConfig { ModelDir = models.Path }, before).Should().Be(((IDocumentStep?)null, Array.Empty<MetaField>()));
        (_, added) = PerplexitySteps.FromConfig(config, new MetaSchema(new MetaField("perplexity", MetaType.Float)));
        added.Should().Equal(new MetaField("bucket", MetaType.Text));
        Action wrongType = () => PerplexitySteps.FromConfig(config, new MetaSchema(new MetaField("bucket", MetaType.Integer)));
        wrongType.Should().Throw<ArgumentException>().WithMessage("*'bucket'*Integer*");
        Action noFolder = () => PerplexitySteps.FromConfig(new PerplexityConfig { Enabled = true, ModelDir = models.Path + "-missing" }, before);
        noFolder.Should().Throw<DirectoryNotFoundException>();
    }

    [Fact]
    public void The_bundled_cutoffs_are_cc_net_s()
    {
        PerplexityBuckets bundled = PerplexityModels.Cutoffs(PerplexityModels.CutoffsPath(null));

        bundled.Languages.Should().HaveCount(48);
        bundled.TryGetCutoffs("en", out (double Head, double Tail) en).Should().BeTrue();
        en.Should().Be((340.0, 520.0));
        File.ReadAllBytes(PerplexityModels.BundledCutoffsPath).Should().Equal(File.ReadAllBytes(Support.TestData.Fixture("kenlm/ccnet-cutoff.csv")));
    }

    [Theory]
    [InlineData("perplexity:\n  enabled: true", "perplexity.model_dir is required when perplexity.enabled is true")]
    [InlineData("perplexity:\n  enabled: perhaps", "line 2: perplexity.enabled must be true or false (got 'perhaps')")]
    [InlineData("perplexity:\n  default_language: ../en", "perplexity.default_language must be a language code")]
    [InlineData("perplexity:\n  language_field: ''", "perplexity.language_field must not be empty")]
    [InlineData("perplexity:\n  cutoffs: ''", "perplexity.cutoffs must be a file or null")]
    [InlineData("perplexity:\n  model_directory: /lm", "model_directory")]
    [InlineData("perplexity: true", "line 1")]
    public void The_config_loader_refuses_bad_perplexity_settings(string yaml, string message)
    {
        Action parse = () => RunConfigLoader.Parse(yaml, "run.yaml");

        parse.Should().Throw<FormatException>().WithMessage($"run.yaml: *{message}*");
    }

    [Fact]
    public void The_perplexity_section_parses_and_survives_the_yaml_round_trip()
    {
        RunConfig config = RunConfigLoader.Parse("perplexity:\n  enabled: true\n  model_dir: /lm\n  cutoffs: /lm/cutoff.csv\n  language_field: lang\n  default_language: en\n");
        RunConfig again = RunConfigLoader.Parse(RunConfigLoader.ToYaml(config));

        foreach (PerplexityConfig section in new[] { config.Perplexity, again.Perplexity })
        {
            section.Should().BeEquivalentTo(new PerplexityConfig { Enabled = true, ModelDir = "/lm", Cutoffs = "/lm/cutoff.csv", LanguageField = "lang", DefaultLanguage = "en" });
        }

        RunConfigLoader.Parse("threads: 1").Perplexity.Should().BeEquivalentTo(new PerplexityConfig { Enabled = false, LanguageField = "language" });
    }

    [Fact]
    public void The_readme_configuration_example_parses_with_its_perplexity_section()
    {
        string readme = File.ReadAllText(System.IO.Path.Combine(Support.TestData.RepositoryRoot, "README.md"));
        int start = readme.IndexOf("```yaml\nthreads:", StringComparison.Ordinal) + "```yaml\n".Length;
        string yaml = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        RunConfig config = RunConfigLoader.Parse(yaml, "README.md");

        config.Perplexity.Should().BeEquivalentTo(new PerplexityConfig());
        yaml.Should().Contain("perplexity:\n  enabled: false");
    }

    private static Document Apply(PerplexityStep step, string text, string? language)
    {
        var document = new Document(default, s_meta.Count) { Text = text };
        document.Meta[0] = language;
        step.Apply(document);
        return document;
    }

    private PerplexityStep Step(PerplexityBuckets buckets, string? defaultLanguage = null) =>
        new(models.Path, buckets, s_meta, "language", defaultLanguage);

    private static PerplexityBuckets Buckets(string language, double head, double tail) =>
        PerplexityBuckets.Parse(CutoffLines(language, head, tail), "cutoff.csv");

    // CCNet's layout: a header of languages, rows 0..99; only rows 30 and 60 decide, the others rise around them.
    private static string[] CutoffLines(string language, double head, double tail) =>
        [$",{language}", .. Enumerable.Range(0, 100).Select(row => string.Create(CultureInfo.InvariantCulture,
            $"{row},{(row == 30 ? head : row == 60 ? tail : row < 30 ? head * row / 30.0 : row < 60 ? (head + tail) / 2 : tail + row)}"))];
}
