using RedPajama.Tests.Support;
using RedPajama.Udfs.LanguageModel;

namespace RedPajama.Tests.LanguageModel;

/// <summary>
/// KenLM's own expectations (<c>lm/model_test.cc</c>: Starters, Continuation, Blanks, Unknowns, MinimalState,
/// NoUnkCheck) on KenLM's test models, to 1e-4.
/// </summary>
public sealed class NGramLanguageModelTests
{
    private static readonly NGramLanguageModel s_test = NGramLanguageModel.Load(TestData.Fixture("kenlm/test.arpa"));

    public static TheoryData<string, string, int, double> KenLmCases() => new()
    {
        // Starters: after <s>.
        { "<s>", "looking", 2, -0.4846522 },
        { "<s>", ",", 1, -1.383514 + -0.4149733 },
        { "<s>", "this_is_not_found", 1, -1.995635 + -0.4149733 },

        // Continuation: "looking on a little", then words that back off to unigrams.
        { "<s> looking", "on", 3, -0.348837 },
        { "<s> looking on", "a", 4, -0.0155266 },
        { "<s> looking on a", "little", 5, -0.00306122 },
        { "<s> looking on a little", "the", 1, -4.04005 },
        { "<s> looking on a little the", "biarritz", 1, -1.9889 },
        { "<s> looking on a little the biarritz", "not_found", 1, -2.29666 },
        { "<s> looking on a little the biarritz not_found", "more", 1, -1.20632 - 20.0 },
        { "<s> looking on a little the biarritz not_found more", ".", 2, -0.51363 },
        { "<s> looking on a little the biarritz not_found more .", "</s>", 3, -0.0191651 },
        { "<s> looking on a little", "more", 5, -0.00181395 },
        { "looking on a little more", "loin", 5, -0.0432557 },

        // Blanks: n-grams whose lower-order prefixes the file does not have.
        { "", "also", 1, -1.687872 },
        { "also", "would", 2, -2 },
        { "also would", "consider", 3, -3 },
        { "also would consider", "higher", 4, -4 },
        { "also would consider higher", "looking", 5, -5 },
        { "also would consider", "not_found", 1, -1.995635 - 7.0 - 0.30103 },
        { "", "higher", 1, -1.509559 },
        { "higher", "looking", 2, -1.285941 - 0.30103 },
        { "higher looking", "not_found", 1, -1.995635 - 0.4771212 },
        { "higher looking", "consider", 1, -1.687872 - 0.4771212 },
        { "would", "consider", 2, -1.687872 - 0.30103 },
        { "would consider", "higher", 3, -1.509559 - 0.30103 },
        { "would consider higher", "looking", 4, -1.285941 - 0.30103 },

        // Unknowns: <unk> n-grams.
        { "", "not_found", 1, -1.995635 },
        { "not_found", "not_found2", 2, -15.0 },
        { "not_found not_found2", "not_found3", 2, -15.0 - 2.0 },
        { "not_found", "however", 2, -4 },
        { "not_found however", "not_found3", 3, -6 },

        // MinimalState: a backoff of 3.0 and of -0.0.
        { "", "baz", 1, -6.535897 },
        { "", "foo", 1, -3.141592 },
        { "foo", "bar", 2, -6.0 },
        { "foo bar", "bar", 1, -2.718281 + 3.0 },
        { "", "to", 1, -1.687872 },
        { "to", "look", 2, -0.2922095 },
        { "to look", "a", 3, -7 },
    };

    [Theory]
    [MemberData(nameof(KenLmCases))]
    public void Full_score_matches_kenlm_model_test(string history, string word, int ngramLength, double expected)
    {
        int[] ids = [.. history.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s_test.IdOf)];
        (float probability, int length) = s_test.Score(ids, s_test.IdOf(word));

        probability.Should().BeApproximately((float)expected, 1e-4f);
        length.Should().Be(ngramLength);
    }

    [Fact]
    public void A_model_without_unk_gives_unknown_words_minus_100()
    {
        NGramLanguageModel model = NGramLanguageModel.Load(TestData.Fixture("kenlm/test_nounk.arpa"));
        model.Score([], model.IdOf("definitely_not_a_word")).LogProbability.Should().Be(-100f);
    }

    [Fact]
    public void A_sentence_sums_its_words_and_the_end_of_sentence()
    {
        // The Continuation case as one sentence: 10 words and </s>.
        SentenceScore score = s_test.ScoreSentence("looking on a little the biarritz not_found more .");
        double expected = -0.4846522 - 0.348837 - 0.0155266 - 0.00306122 - 4.04005 - 1.9889 - 2.29666 - 1.20632 - 20.0 - 0.51363 - 0.0191651;

        score.LogProbability.Should().BeApproximately((float)expected, 2e-4f);
        (score.Words, score.UnknownWords).Should().Be((9, 1));
        score.Perplexity.Should().BeApproximately(Math.Pow(10, -expected / 10), 1e-2);
    }

    [Fact]
    public void Toy_trigram_model_scores_by_hand()
    {
        // toy0.arpa: p(a|<s>) = -0.37712017 (bigram); p(b|<s> a) has no trigram: bo(<s> a) -0.30103 + p(b|a) -0.58682007;
        // p(</s>|a b) = -0.397617 (trigram).
        NGramLanguageModel toy = NGramLanguageModel.Load(TestData.Fixture("kenlm/toy0.arpa"));
        SentenceScore score = toy.ScoreSentence("a b");
        score.LogProbability.Should().BeApproximately(-0.37712017f - 0.30103f - 0.58682007f - 0.397617f, 1e-6f);
        toy.Order.Should().Be(3);
        toy.Counts.Should().Equal(5, 7, 7);
    }

    [Theory]
    [InlineData("\\data\\\nngram 1=3\n\n\\1-grams:\n-1\t<s>\n-1\t</s>\n\n\\end\\\n", 7, "has 2 entries; its header says 3")]
    [InlineData("\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\nxyz\t</s>\n\n\\end\\\n", 6, "'xyz' is not a number")]
    [InlineData("\\data\\\nngram 1=2\nngram 2=1\n\n\\1-grams:\n-1\t<s>\n-1\t</s>\n\n\\end\\\n", 9, "expected '\\2-grams:'")]
    [InlineData("\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\n-1\t</s>\n", 7, "expected '\\end\\'")]
    [InlineData("\\data\\\nngram 1=2\nngram 2=1\n\n\\1-grams:\n-1\t<s>\n-1\t</s>\n\n\\2-grams:\n-1\t<s> what\n\n\\end\\\n", 10, "'what' is not a unigram")]
    [InlineData("", 1, "no \\data\\ section")]
    [InlineData("# a comment\n\n \t\nno header at all\n", 4, "first non-empty line was 'no header at all' not \\data\\")] // KenLM allows only blank and # lines before it
    public void Malformed_arpa_names_the_line_and_the_problem(string arpa, int line, string problem)
    {
        Action load = () => NGramLanguageModel.ReadArpa(new StringReader(arpa), "bad.arpa");
        ArpaFormatException exception = load.Should().Throw<ArpaFormatException>().Which;
        exception.Message.Should().StartWith("bad.arpa:").And.Contain(problem);
        exception.Line.Should().Be(line);
    }

    [Fact]
    public void The_binary_form_is_mapped_and_scores_exactly_like_the_arpa()
    {
        using var directory = new TemporaryDirectory();
        string binary = directory.Combine("test.bin");
        s_test.SaveBinary(binary);

        using NGramLanguageModel mapped = NGramLanguageModel.Load(binary);

        mapped.IsMapped.Should().BeTrue();
        mapped.Counts.Should().Equal(s_test.Counts);
        foreach (object?[] row in KenLmCases())
        {
            int[] history = [.. ((string)row[0]!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(mapped.IdOf)];
            mapped.Score(history, mapped.IdOf((string)row[1]!)).Should().Be(
                s_test.Score([.. ((string)row[0]!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s_test.IdOf)], s_test.IdOf((string)row[1]!)));
        }

        mapped.ScoreSentence("looking on a little the biarritz not_found more .").Should().Be(s_test.ScoreSentence("looking on a little the biarritz not_found more ."));
    }

    [Fact]
    public void A_truncated_binary_model_is_an_error_naming_the_file()
    {
        using var directory = new TemporaryDirectory();
        string binary = directory.Combine("cut.bin");
        s_test.SaveBinary(binary);
        byte[] bytes = File.ReadAllBytes(binary);
        File.WriteAllBytes(binary, bytes[..(bytes.Length / 2)]);

        Action load = () => NGramLanguageModel.Load(binary);
        load.Should().Throw<ArpaFormatException>().Which.Message.Should().Contain("cut.bin").And.Contain("truncated");
    }
}
