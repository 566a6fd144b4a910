using System.Text.RegularExpressions;
using RedPajama.Tests.Support;
using RedPajama.Udfs.LanguageModel;

namespace RedPajama.Tests.LanguageModel;

/// <summary>Modified Kneser-Ney estimation on real sentences: proper distributions, an ARPA that reloads and scores the same.</summary>
public sealed partial class KneserNeyTrainerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Every_context_distribution_sums_to_one(int order)
    {
        KneserNeyModel model = Train(order, sentences: 60);
        string[] vocabulary = [.. model.PredictableWords];
        var worst = 0.0;
        int contexts = 0;
        foreach (string[] context in model.Contexts)
        {
            double sum = 0;
            foreach (string word in vocabulary)
            {
                sum += model.Probability(context, word);
            }

            worst = Math.Max(worst, Math.Abs(sum - 1));
            contexts++;
        }

        contexts.Should().BeGreaterThan(order == 1 ? 0 : 100);
        worst.Should().BeLessThan(1e-6);
    }

    [Fact]
    public void Discounts_come_from_counts_of_counts_within_their_bounds()
    {
        KneserNeyModel model = Train(order: 3, sentences: 1376);
        foreach (double[] d in model.Discounts)
        {
            d[0].Should().BeInRange(0, 1);
            d[1].Should().BeInRange(0, 2);
            d[2].Should().BeInRange(0, 3);
        }

        model.Discounts[0].Should().NotEqual([0.5, 1.0, 1.5], "1376 sentences have enough counts of counts");
    }

    [Fact]
    public void The_arpa_reloads_and_kenlm_style_scoring_gives_the_estimated_probabilities()
    {
        KneserNeyModel model = Train(order: 4, sentences: 200);
        var arpa = new StringWriter();
        model.WriteArpa(arpa);
        NGramLanguageModel reloaded = NGramLanguageModel.ReadArpa(new StringReader(arpa.ToString()), "trained.arpa");

        reloaded.Order.Should().Be(4);
        foreach (string sentence in Sentences().Take(20))
        {
            var history = new List<string> { "<s>" };
            foreach (string word in sentence.Split(' ').Append("</s>"))
            {
                double expected = Math.Log10(model.Probability(history, word));
                float actual = reloaded.Score([.. history.Select(reloaded.IdOf)], reloaded.IdOf(word)).LogProbability;
                actual.Should().BeApproximately((float)expected, 1e-5f, $"{string.Join(' ', history)} -> {word}");
                history.Add(word);
            }
        }

        // An unseen word gets <unk>'s share of the unigram interpolation.
        reloaded.Score([], reloaded.IdOf("zzzunseen")).LogProbability.Should().BeApproximately((float)Math.Log10(model.Probability([], "zzzunseen")), 1e-5f);
    }

    private static KneserNeyModel Train(int order, int sentences)
    {
        var trainer = new KneserNeyTrainer(order);
        foreach (string sentence in Sentences().Take(sentences))
        {
            trainer.AddSentence(sentence);
        }

        return trainer.Estimate();
    }

    private static IEnumerable<string> Sentences() =>
        File.ReadLines(TestData.Fixture("fasttext/lines.txt")).Select(l => string.Join(' ', Token().Matches(l.ToLowerInvariant()).Select(m => m.Value)));

    [GeneratedRegex(@"\w+|[^\w\s]")]
    private static partial Regex Token();
}
