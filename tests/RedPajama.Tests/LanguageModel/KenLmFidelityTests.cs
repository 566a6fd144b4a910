using System.Text;
using RedPajama.Cli;
using RedPajama.Udfs.LanguageModel;

namespace RedPajama.Tests.LanguageModel;

/// <summary>
/// Against what KenLM itself wrote (<c>fixtures/kenlm/make-fixtures.sh</c>, the commit in <c>kenlm-commit.txt</c>):
/// lmplz's model of a text with awkward whitespace, query's and the Python binding's scores of awkward sentences.
/// </summary>
public sealed class KenLmFidelityTests
{
    private static readonly Lazy<NGramLanguageModel> s_model = new(() => NGramLanguageModel.Load(KenLmFixtures.Path("train.arpa")));

    [Fact]
    public void An_arpa_whose_words_end_in_a_no_break_space_loads_as_KenLM_reads_it()
    {
        NGramLanguageModel model = s_model.Value;

        model.Counts.Should().Equal(1934, 4068, 4572, 4537, 4433);
        model.IdOf("der\u00a0").Should().NotBe(0, "U+00A0 is part of a word for KenLM");
        model.IdOf("der\u00a0").Should().NotBe(model.IdOf("der"));
        model.IdOf("franziska\fvan").Should().NotBe(0, "lmplz keeps a form feed inside a word");
    }

    [Fact]
    public void Sentence_scores_are_the_ones_KenLM_query_prints_bit_for_bit()
    {
        string[] sentences = KenLmFixtures.Lines("sentences.txt");
        (float Total, int Unknown)[] query = KenLmFixtures.QueryTotals();
        sentences.Should().HaveCount(query.Length);

        for (int i = 0; i < sentences.Length; i++)
        {
            SentenceScore score = s_model.Value.ScoreSentence(sentences[i]);
            (score.LogProbability, score.UnknownWords).Should().Be(query[i], $"line {i + 1}: {Escape(sentences[i])}");
        }
    }

    [Fact]
    public void Sentence_scores_are_the_ones_KenLM_python_binding_returns_bit_for_bit()
    {
        foreach ((string line, float score, _) in KenLmFixtures.PythonScores())
        {
            s_model.Value.ScoreSentence(line).LogProbability.Should().Be(score, Escape(line));
        }
    }

    [Fact]
    public void Lm_score_reads_lines_as_KenLM_does_a_lone_carriage_return_stays_inside_its_line()
    {
        byte[] input = File.ReadAllBytes(KenLmFixtures.Path("sentences.txt"));
        (float Total, int Unknown)[] query = KenLmFixtures.QueryTotals();
        using var output = new MemoryStream();

        long lines = LmCommand.Score(s_model.Value, new MemoryStream(input), output);

        lines.Should().Be(query.Length);
        string[] rows = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
        rows.Select(r => float.Parse(r.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture)).Should().Equal(query.Select(q => q.Total));
    }

    [Fact]
    public void Estimation_splits_words_and_computes_discounts_as_lmplz()
    {
        var trainer = new KneserNeyTrainer(5);
        foreach (string line in KenLmFixtures.Lines("train.txt"))
        {
            trainer.AddSentence(line);
        }

        KneserNeyModel model = trainer.Estimate();
        var arpa = new StringWriter();
        model.WriteArpa(arpa);

        // lmplz prints its float discounts with six significant digits (train-discounts.txt).
        string[] printed = [.. KenLmFixtures.Lines("train-discounts.txt").Select(l => string.Join(' ', l.Split(' ')[2..]))];
        model.Discounts.Select(d => $"D1={G6(d[0])} D2={G6(d[1])} D3+={G6(d[2])}").Should().Equal(printed);
        KenLmFixtures.ShouldMatchLmplz(arpa.ToString(), "train.arpa");
    }

    [Fact]
    public void The_arpa_gives_the_begin_of_sentence_probability_zero_as_lmplz()
    {
        var trainer = new KneserNeyTrainer(5);
        foreach (string line in KenLmFixtures.Lines("train.txt"))
        {
            trainer.AddSentence(line);
        }

        var arpa = new StringWriter();
        trainer.Estimate().WriteArpa(arpa);

        string lmplz = KenLmFixtures.Lines("train.arpa").Single(l => l.StartsWith("0\t<s>\t", StringComparison.Ordinal));
        string ours = arpa.ToString().Split('\n').Single(l => l.Contains("\t<s>\t", StringComparison.Ordinal));
        ours.Should().Be(lmplz);
    }

    [Fact]
    public void Special_words_in_the_training_text_are_refused_as_lmplz_refuses_them()
    {
        var trainer = new KneserNeyTrainer(5);

        Action add = () => Array.ForEach(KenLmFixtures.Lines("symbols.txt"), trainer.AddSentence);

        // lmplz: "Special word <s> is not allowed in the corpus." (symbols-refused.txt)
        string lmplz = KenLmFixtures.Lines("symbols-refused.txt")[0];
        add.Should().Throw<KneserNeyException>().Which.Message.Should().StartWithEquivalentOf(lmplz.Split(" in the corpus")[0]);
    }

    [Fact]
    public void Skipping_symbols_reads_them_as_whitespace_as_lmplz_skip_symbols()
    {
        // make-fixtures.sh checked that lmplz --skip_symbols on symbols.txt writes train.arpa byte for byte.
        var trainer = new KneserNeyTrainer(5, skipSymbols: true);
        Array.ForEach(KenLmFixtures.Lines("symbols.txt"), trainer.AddSentence);
        var arpa = new StringWriter();

        trainer.Estimate().WriteArpa(arpa);

        trainer.SkippedSymbols.Should().BeGreaterThan(50);
        KenLmFixtures.ShouldMatchLmplz(arpa.ToString(), "train.arpa");
    }

    [Fact]
    public void Discounts_the_counts_do_not_allow_are_refused_as_lmplz_refuses_them()
    {
        var trainer = new KneserNeyTrainer(3);
        Array.ForEach(KenLmFixtures.Lines("small.txt"), trainer.AddSentence);

        // lmplz: "3-gram discount out of range for adjusted count 2" (small-refused.txt)
        trainer.Invoking(t => t.Estimate()).Should().Throw<KneserNeyException>()
            .Which.Message.Should().Contain("3-gram discount for adjusted count 2").And.Contain("fallback");
        KenLmFixtures.Lines("small-refused.txt")[0].Should().StartWith("3-gram discount out of range for adjusted count 2");
    }

    [Theory]
    [InlineData(null, "small-fallback.arpa")]
    [InlineData(new[] { 0.25f, 0.75f }, "small-fallback-0.25-0.75.arpa")]
    public void Fallback_discounts_replace_only_the_orders_lmplz_replaces(float[]? given, string lmplzArpa)
    {
        var trainer = new KneserNeyTrainer(3, discountFallback: given ?? KneserNeyTrainer.DefaultFallbackDiscounts);
        Array.ForEach(KenLmFixtures.Lines("small.txt"), trainer.AddSentence);
        var arpa = new StringWriter();

        KneserNeyModel model = trainer.Estimate();
        model.WriteArpa(arpa);

        trainer.FallbackOrders.Should().Equal(3);
        if (given is null)
        {
            // lmplz: "Substituting fallback discounts for order 2" (0-based) and its per-order statistics.
            string[] printed = [.. KenLmFixtures.Lines("small-fallback-discounts.txt").Skip(1).Select(l => string.Join(' ', l.Split(' ')[2..]))];
            model.Discounts.Select(d => $"D1={G6(d[0])} D2={G6(d[1])} D3+={G6(d[2])}").Should().Equal(printed);
        }
        else
        {
            model.Discounts[2].Should().Equal(0.25, 0.75, 0.75);
        }

        KenLmFixtures.ShouldMatchLmplz(arpa.ToString(), lmplzArpa);
    }

    [Fact]
    public async Task Lm_train_refuses_what_lmplz_refuses_with_exit_2_and_takes_its_two_options()
    {
        using var directory = new RedPajama.Tests.Support.TemporaryDirectory();
        string output = directory.Combine("out.arpa");
        var error = new StringWriter();

        (await Train(["--input", KenLmFixtures.Path("symbols.txt")], error)).Should().Be(ExitCodes.Usage);
        error.ToString().Should().Contain("special word <s>").And.NotContain("   at ");
        (await Train(["--input", KenLmFixtures.Path("small.txt"), "--order", "3"], error)).Should().Be(ExitCodes.Usage);
        error.ToString().Should().Contain("3-gram discount");

        (await Train(["--input", KenLmFixtures.Path("small.txt"), "--order", "3", "--discount-fallback", "0.25", "0.75"], error)).Should().Be(ExitCodes.Success);
        KenLmFixtures.ShouldMatchLmplz(File.ReadAllText(output), "small-fallback-0.25-0.75.arpa");
        (await Train(["--input", KenLmFixtures.Path("small.txt"), "--order", "3", "--discount-fallback"], error)).Should().Be(ExitCodes.Success);
        KenLmFixtures.ShouldMatchLmplz(File.ReadAllText(output), "small-fallback.arpa");
        error.ToString().Should().Contain("fallback discounts for order 3: 0.5 1 1.5");
        (await Train(["--input", KenLmFixtures.Path("symbols.txt"), "--skip-symbols"], error)).Should().Be(ExitCodes.Success);
        KenLmFixtures.ShouldMatchLmplz(File.ReadAllText(output), "train.arpa");

        Task<int> Train(string[] arguments, TextWriter errors) =>
            RedPajamaCommand.InvokeAsync(["lm", "train", "--output", output, .. arguments], new StringWriter(), errors);
    }

    private static string G6(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
