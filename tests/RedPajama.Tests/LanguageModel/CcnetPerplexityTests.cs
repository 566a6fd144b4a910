using RedPajama.Tests.Support;
using RedPajama.Udfs.LanguageModel;

namespace RedPajama.Tests.LanguageModel;

public sealed class CcnetPerplexityTests
{
    [Fact]
    public void Document_perplexity_is_the_one_cc_net_computes_with_KenLM_python_binding()
    {
        // python-scores.tsv (make-fixtures.sh): cc_net's DocLM on sentences.txt as one document, KenLM's Python binding
        // scoring each line; lengths from Python's str.split() (Unicode whitespace, not KenLM's), round(_, 1).
        NGramLanguageModel model = NGramLanguageModel.Load(KenLmFixtures.Path("train.arpa"));
        string document = string.Join('\n', KenLmFixtures.Lines("sentences.txt"));

        CcnetPerplexity.Of(model, document).Should().Be(KenLmFixtures.PythonDocumentPerplexity());
    }

    [Fact]
    public void Line_lengths_are_python_str_split_word_counts()
    {
        foreach ((string line, _, int pythonWords) in KenLmFixtures.PythonScores())
        {
            CcnetPerplexity.PythonWordCount(line).Should().Be(pythonWords, line);
        }
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

    [Fact]
    public void Computed_cutoffs_are_percentiles_and_read_back_as_buckets()
    {
        // 1..101 for "en": the p-th percentile is 1 + p; 10 values for "de": linear interpolation between them.
        IEnumerable<(string, double)> scored = Enumerable.Range(1, 101).Select(i => ("en", (double)i))
            .Concat(Enumerable.Range(1, 10).Select(i => ("de", i * 10.0)));
        var csv = new StringWriter();
        PerplexityBuckets.WriteCutoffs(scored, csv);
        string[] lines = csv.ToString().TrimEnd('\n').Split('\n');

        lines.Should().HaveCount(101);
        lines[0].Should().Be(",de,en");
        lines[31].Should().Be("30,37,31"); // de: rank 0.3 * 9 = 2.7 -> 30 + 0.7 * 10; en: 1 + 30
        PerplexityBuckets buckets = PerplexityBuckets.Parse(lines, "cutoff.csv");
        buckets.Bucket("en", 30.5).Should().Be("head");
        buckets.Bucket("en", 61).Should().Be("tail");
    }
}
