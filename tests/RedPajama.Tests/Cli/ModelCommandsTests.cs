using System.Globalization;
using System.Text;
using RedPajama.Cli;
using RedPajama.Tests.Support;
using RedPajama.Udfs.LanguageModel;

namespace RedPajama.Tests.Cli;

public sealed class ModelCommandsTests
{
    [Fact]
    public void Lm_score_prints_log_probability_unknown_words_and_perplexity_per_line()
    {
        NGramLanguageModel model = NGramLanguageModel.Load(TestData.Fixture("kenlm/test.arpa"));
        using var output = new MemoryStream();

        long lines = LmCommand.Score(model, new MemoryStream(Encoding.UTF8.GetBytes("looking on a little\nnot_found\n")), output);

        lines.Should().Be(2);
        string[] rows = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
        string[] first = rows[0].Split('\t');
        float.Parse(first[0], CultureInfo.InvariantCulture).Should().Be(model.ScoreSentence("looking on a little").LogProbability);
        first[1].Should().Be("0");
        rows[1].Split('\t')[1].Should().Be("1", "not_found is unknown");
    }

    [Fact]
    public async Task Lm_score_with_a_broken_model_names_the_line()
    {
        using var directory = new TemporaryDirectory();
        string arpa = directory.Combine("bad.arpa");
        File.WriteAllText(arpa, "\\data\\\nngram 1=3\n\n\\1-grams:\n-1\t<s>\n\n\\end\\\n");
        var error = new StringWriter();

        int code = await RedPajamaCommand.InvokeAsync(["lm", "score", "--lm", arpa], new StringWriter(), error);

        code.Should().Be(ExitCodes.Failed);
        error.ToString().Should().Contain("bad.arpa:6").And.Contain("its header says 3");
    }

    [Fact]
    public async Task Lid_with_a_missing_model_fails_naming_the_file()
    {
        var error = new StringWriter();

        int code = await RedPajamaCommand.InvokeAsync(["lid", "--model", "/nowhere/lid.176.bin"], new StringWriter(), error);

        code.Should().Be(ExitCodes.Failed);
        error.ToString().Should().Contain("/nowhere/lid.176.bin");
    }
}
