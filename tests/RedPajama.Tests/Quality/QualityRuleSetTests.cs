using FluentAssertions;
using RedPajama.Quality;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Quality;

/// <summary>The filter layer: rule semantics, the shipped presets, and errors in rule files.</summary>
public sealed class QualityRuleSetTests
{
    private static readonly QualitySignalComputer s_computer = new(new QualityWordLists(QualityGolden.BadWordsDirectory));

    [Fact]
    public void Every_shipped_preset_loads_and_names_known_signals()
    {
        QualityRuleSet.PresetNames.Should().BeEquivalentTo(["c4", "gopher", "redpajama-1t", "rpv2-example"]);
        foreach (string name in QualityRuleSet.PresetNames)
        {
            QualityRuleSet set = QualityRuleSet.Preset(name);
            set.Name.Should().Be(name);
            set.Rules.Should().NotBeEmpty();
            set.Description.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void Gopher_preset_has_datatrove_thresholds()
    {
        QualityRuleSet gopher = QualityRuleSet.Preset("gopher");
        gopher.Rules.Select(r => r.Describe()).Should().Contain(
        [
            "gopher_short_doc: gopher_word_count >= 50",
            "gopher_long_doc: gopher_word_count <= 100000",
            "gopher_below_alpha_threshold: gopher_frac_words_with_alpha >= 0.8",
            "top_3_gram: gopher_top_3gram_char_frac <= 0.18",
            "duplicated_10_n_grams: gopher_dup_10gram_char_frac <= 0.1",
        ]);
        gopher.Rules.Should().HaveCount(23);
    }

    [Fact]
    public void A_document_fails_under_the_first_rule_it_breaks()
    {
        QualityRuleSet gopher = QualityRuleSet.Preset("gopher");
        string web = QualityGolden.Document("cc-dolma-00").Text;
        string book = QualityGolden.Document("book-holmes").Text;
        string repeated = string.Concat(Enumerable.Repeat("This is the same line of text.\n", 40));

        // Repetition rules first, as datatrove's pipelines run GopherRepetitionFilter first: a 7-word text's most common
        // 2-gram ("Too short", once) already covers 9/23 of it.
        gopher.FirstFailure(s_computer.Compute("Too short to be a page.", "en"), "books")!.Name.Should().Be("top_2_gram");
        gopher.FirstFailure(s_computer.Compute(repeated, "en"), "books")!.Name.Should().Be("dup_line_frac");
        gopher.FirstFailure(s_computer.Compute(book, "en"), "books").Should().BeNull();
        gopher.FirstFailure(s_computer.Compute(web, "en"), "cc").Should().BeNull();
    }

    [Fact]
    public void Bounds_are_inclusive_and_null_keeps_by_default()
    {
        QualityRuleSet set = QualityRuleSet.Parse(
            """
            rules:
              - {name: words, signal: rps_doc_word_count, min: 3, max: 3}
              - {name: mean, signal: rps_doc_mean_word_length, max: 100}
              - {name: mean_strict, signal: rps_doc_mean_word_length, max: 100, keep_null: false}
            """, "test");
        QualitySignalValues three = s_computer.Compute("one two three", "en");
        QualitySignalValues empty = s_computer.Compute(string.Empty, "en");

        set.Rules[0].Judge(three, "x").Should().Be(RuleVerdict.Pass);
        set.Rules[0].Judge(s_computer.Compute("one two", "en"), "x").Should().Be(RuleVerdict.Fail);
        set.Rules[1].Judge(empty, "x").Should().Be(RuleVerdict.Pass, "mean word length is null without words");
        set.Rules[2].Judge(empty, "x").Should().Be(RuleVerdict.Fail);
    }

    [Fact]
    public void Line_signals_are_aggregated_and_rules_can_be_scoped_to_sources()
    {
        QualityRuleSet set = QualityRuleSet.Parse(
            """
            rules:
              - {name: bullets, signal: rps_lines_start_with_bulletpoint, aggregate: mean, max: 0.5}
              - {name: code_lines, signal: rp1_code_max_line_length, max: 10, sources: [github]}
            """, "test");
        // 2 of 3 lines start with a bullet: mean 0.667 > 0.5.
        QualitySignalValues list = s_computer.Compute("\u2022 first item here\n\u2022 second item here\nand a closing line\n", "en");

        set.Rules[0].ValueOf(list).Should().BeApproximately(2.0 / 3, 1e-12);
        set.FirstFailure(list, "books")!.Name.Should().Be("bullets");
        set.Rules[1].Judge(list, "books").Should().Be(RuleVerdict.NotApplicable);
        set.Rules[1].Judge(list, "github").Should().Be(RuleVerdict.Fail, "the longest line has 18 characters");
    }

    [Theory]
    [InlineData("rules:\n  - {name: a, signal: no_such_signal, min: 1}", "unknown signal 'no_such_signal'")]
    [InlineData("rules:\n  - {name: a, signal: rps_doc_word_count}", "neither min nor max")]
    [InlineData("rules:\n  - {name: a, signal: rps_lines_num_words, min: 1}", "needs an aggregate")]
    [InlineData("rules:\n  - {name: a, signal: rps_doc_word_count, min: 1}\n  - {name: a, signal: rps_doc_word_count, max: 9}", "two rules are called 'a'")]
    [InlineData("rulez: []", "line 1")]
    public void Rule_file_errors_name_the_file_and_the_problem(string yaml, string expected)
    {
        Action parse = () => QualityRuleSet.Parse(yaml, "my-rules.yaml");
        parse.Should().Throw<FormatException>().Which.Message.Should().StartWith("my-rules.yaml").And.Contain(expected);
    }

    [Fact]
    public void Unknown_preset_lists_the_available_ones()
    {
        Action load = () => QualityRuleSet.Preset("c5");
        load.Should().Throw<ArgumentException>().Which.Message.Should().Contain("gopher").And.Contain("rpv2-example");
    }
}
