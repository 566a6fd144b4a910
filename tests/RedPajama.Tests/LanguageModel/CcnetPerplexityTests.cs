using RedPajama.Tests.Support;
using RedPajama.Udfs.LanguageModel;

namespace RedPajama.Tests.LanguageModel;

public sealed class CcnetPerplexityTests
{
    [Fact]
    public void Document_perplexity_pools_log_probabilities_and_lengths_of_its_lines()
    {
        NGramLanguageModel toy = NGramLanguageModel.Load(TestData.Fixture("kenlm/toy0.arpa"));
        SentenceScore first = toy.ScoreSentence("a b");
        SentenceScore second = toy.ScoreSentence("b a a");

        double perplexity = CcnetPerplexity.Of(toy, "a b\nb a a");

        // 10^(-(s1 + s2) / ((2 + 1) + (3 + 1))), rounded to one decimal.
        double expected = Math.Round(Math.Pow(10, -((double)first.LogProbability + second.LogProbability) / 7), 1, MidpointRounding.ToEven);
        perplexity.Should().Be(expected);
    }

    [Theory]
    [InlineData("en", 339.9, "head")]
    [InlineData("en", 340, "middle")]
    [InlineData("en", 519.9, "middle")]
    [InlineData("en", 520, "tail")]
    [InlineData("xx", 10, "all")]
    public void Buckets_follow_ccnet_cutoffs_at_the_30th_and_60th_percentile(string language, double perplexity, string bucket)
    {
        PerplexityBuckets buckets = PerplexityBuckets.Load(TestData.Fixture("kenlm/ccnet-cutoff.csv"));

        buckets.Bucket(language, perplexity).Should().Be(bucket);
        buckets.Languages.Should().HaveCount(48);
        buckets.Bucket("en", null).Should().Be("all");
    }
}
