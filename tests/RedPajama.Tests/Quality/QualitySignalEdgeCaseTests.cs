using System.Text;
using FluentAssertions;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Quality;

/// <summary>Signal values derived by hand from the definitions (arithmetic in comments), and bad input.</summary>
public sealed class QualitySignalEdgeCaseTests
{
    private static readonly QualitySignalComputer s_computer = new(new QualityWordLists(QualityGolden.BadWordsDirectory));

    [Fact]
    public void Empty_text_has_a_defined_value_for_every_signal()
    {
        QualitySignalValues values = s_computer.Compute(string.Empty, "en");

        // Counts and RedPajama-V2's content/repetition fractions are 0; ratios over no words are null, as upstream.
        values.Get("rps_doc_word_count").Should().Be(0);
        values.Get("rps_doc_curly_bracket").Should().Be(0);
        values.Get("rps_doc_frac_chars_top_2gram").Should().Be(0);
        values.Get("rps_doc_mean_word_length").Should().BeNull();
        values.Get("rps_doc_frac_lines_end_with_ellipsis").Should().BeNull();
        values.Get("gopher_dup_line_char_frac").Should().BeNull("datatrove divides by len(text)");
        values.Get("gopher_dup_para_frac").Should().Be(0, "''.strip() splits into one empty paragraph");
        values.Get("c4_num_sentences").Should().Be(0);
        values.Get("rp1_code_max_line_length").Should().Be(0);
        values.GetLines("rps_lines_num_words")!.Count.Should().Be(0);
        LineSignalValues bullets = values.GetLines("rps_lines_start_with_bulletpoint")!;
        (bullets.Count, bullets.Starts[0], bullets.Ends[0], double.IsNaN(bullets.Values[0])).Should().Be((1, 0L, 0L, true));
    }

    [Fact]
    public void One_word_gives_the_hand_computed_values()
    {
        QualitySignalValues values = s_computer.Compute("Hello", "en");

        values.Get("rps_doc_word_count").Should().Be(1);
        values.Get("rps_doc_mean_word_length").Should().Be(5); // "hello": 5 / 1
        values.Get("rps_doc_frac_unique_words").Should().Be(1); // 1 distinct / 1
        values.Get("rps_doc_unigram_entropy").Should().Be(0); // -1 * ln(1)
        values.Get("rps_doc_frac_all_caps_words").Should().Be(0); // "Hello".isupper() is false
        values.Get("rps_doc_stop_word_fraction").Should().Be(0, "raw tokens keep their case: 'Hello' is not 'hello'");
        values.Get("rps_doc_num_sentences").Should().Be(1);
        values.Get("rps_doc_frac_chars_top_2gram").Should().Be(0); // no 2-gram
        values.Get("gopher_top_2gram_char_frac").Should().Be(0); // datatrove: no n-grams, no score
        values.Get("gopher_word_count").Should().Be(1);
        values.Get("gopher_stop_word_count").Should().Be(0);
    }

    [Fact]
    public void Only_punctuation_has_raw_words_but_no_normalized_ones()
    {
        // Tokens "!!!", "...", "???", "###": 4. Symbols: 3 '#' + 1 "..." = 4. Normalized text is empty.
        QualitySignalValues values = s_computer.Compute("!!! ... ??? ###", "en");

        values.Get("rps_doc_word_count").Should().Be(0);
        values.Get("rps_doc_symbol_to_word_ratio").Should().Be(1); // 4 / 4
        values.Get("rps_doc_frac_no_alph_words").Should().Be(1); // 1 - 0 / 4
        values.Get("rps_doc_lorem_ipsum").Should().Be(0);
        values.Get("gopher_word_count").Should().Be(0, "every character is in datatrove's punctuation set");
        values.Get("gopher_frac_words_with_alpha").Should().Be(0);
    }

    [Fact]
    public void Chinese_without_spaces_is_one_normalized_word_and_two_tokens()
    {
        // "我爱北京天安门。": the ideographic full stop is not ASCII punctuation, so it stays in the one word;
        // WordPunct splits \w+ "我爱北京天安门" from [^\w\s]+ "。". 8 code points.
        QualitySignalValues values = s_computer.Compute("我爱北京天安门。", "zh");

        values.Get("rps_doc_word_count").Should().Be(1);
        values.Get("rps_doc_mean_word_length").Should().Be(8);
        values.Get("rps_doc_frac_no_alph_words").Should().Be(1); // no [a-zA-Z] in either token
        values.Get("gopher_word_count").Should().Be(1, "'。' is in datatrove's punctuation set");
        values.Get("rps_doc_stop_word_fraction").Should().BeNull("there is no Chinese stop-word list");
        values.Get("rps_doc_ldnoobw_words").Should().BeNull("RedPajama-V2 has no Chinese LDNOOBW list");
        values.Get("c4_badwords").Should().Be(0, "datatrove's C4 lists include Chinese (models/ldnoobw/c4/zh)");
    }

    [Fact]
    public void Windows_line_endings_stay_in_redpajama_lines_and_break_c4_lines()
    {
        const string Text = "First line here.\r\nSecond line!\r\n";
        QualitySignalValues values = s_computer.Compute(Text, "en");

        // RedPajama-V2 splits at \n only: "First line here.\r\n" (18) and "Second line!\r\n" (14).
        LineSignalValues terminal = values.GetLines("rps_lines_ending_with_terminal_punctution_mark")!;
        terminal.Starts[..2].Should().Equal(0, 18);
        terminal.Ends[..2].Should().Equal(18, 32);
        terminal.Values[..2].Should().Equal(1.0, 1.0); // rstrip() removes the \r
        values.GetLines("rps_lines_uppercase_letter_fraction")!.Values[0].Should().Be(PythonRounding.Round8(1.0 / 18));

        // splitlines() takes \r\n as one break; both lines end in punctuation but have fewer than 3 words? 3 and 2.
        LineSignalValues c4 = values.GetLines("c4_lines_kept")!;
        c4.Count.Should().Be(2);
        c4.Values[..2].Should().Equal(1.0, 0.0);
        values.Get("gopher_dup_line_frac").Should().Be(0);
    }

    [Fact]
    public void A_megabyte_of_one_repeated_line_is_all_duplicates()
    {
        const string Line = "The same sentence comes again.\n";
        int copies = (1 << 20) / Line.Length;
        string text = string.Concat(Enumerable.Repeat(Line, copies));
        QualitySignalValues values = s_computer.Compute(text, "en");

        values.Get("rps_doc_frac_chars_dupe_10grams").Should().Be(1);
        values.Get("rps_doc_frac_unique_words").Should().Be(PythonPrecision(5.0 / (5 * copies)));
        // split("\n+") gives copies lines and a trailing "": copies - 1 of them repeat.
        values.Get("gopher_dup_line_frac").Should().Be(PythonPrecision((copies - 1.0) / (copies + 1)));
        values.Get("gopher_dup_para_frac").Should().Be(0, "one paragraph");
        values.Get("rps_doc_frac_chars_top_2gram").Should().Be(0.28); // "the same": (3 + 4) x copies / (25 x copies)
    }

    [Fact]
    public void Hostile_strings_give_finite_values_or_null_and_never_throw()
    {
        string[] texts =
        [
            "\ud800 lone high, lone low \udc00 and a pair \ud83d\ude00",
            "NUL\0in\0the\0middle\0",
            new string('x', 10 << 20),
            new string('\n', 100_000),
            string.Concat(Enumerable.Repeat("\u0301", 1000)),
            "\uFFFF\uFFFE\u0085\u2029\u001C",
        ];
        foreach (string text in texts)
        {
            QualitySignalValues values = s_computer.Compute(text, "en");
            values.Document.Should().OnlyContain(v => double.IsNaN(v) || double.IsFinite(v));
            values.Lines.Where(l => l is not null).SelectMany(l => l!.Values.Take(l.Count)).Should().OnlyContain(v => double.IsNaN(v) || double.IsFinite(v));
        }
    }

    [Fact]
    public void Normalization_counts_code_points_after_nfd_and_full_lower_case()
    {
        // "İstanbul" lowers to "i̇stanbul" (9 code points); "café" composed becomes "cafe" + U+0301 (5) under NFD.
        s_computer.Compute("İstanbul", "en").Get("rps_doc_mean_word_length").Should().Be(9);
        s_computer.Compute("caf\u00e9", "en").Get("rps_doc_mean_word_length").Should().Be(5);
        s_computer.Compute("ΟΔΟΣ οδος", "en").Get("rps_doc_frac_unique_words").Should().Be(0.5, "final sigma makes both 'οδος'");
    }

    [Fact]
    public void Bad_words_count_as_normalized_ngrams_and_match_c4_only_between_non_word_characters()
    {
        // "Barely legal" is a two-word LDNOOBW entry; "bollocks" a one-word one; "scunthorpe" contains no entry.
        QualitySignalValues values = s_computer.Compute("Barely legal, said the bollocks.", "en");
        values.Get("rps_doc_ldnoobw_words").Should().Be(2);
        values.Get("c4_badwords").Should().Be(1);

        QualitySignalValues clean = s_computer.Compute("Scunthorpe is a town.", "en");
        clean.Get("rps_doc_ldnoobw_words").Should().Be(0);
        clean.Get("c4_badwords").Should().Be(0);
    }

    [Fact]
    public void Families_not_asked_for_stay_null()
    {
        var computer = new QualitySignalComputer(new QualityWordLists(null), new QualitySignalOptions(SignalFamily.Gopher));
        QualitySignalValues values = computer.Compute("Some words here.", "en");

        values.Get("gopher_word_count").Should().Be(3);
        values.Get("rps_doc_word_count").Should().BeNull();
        values.GetLines("c4_lines_kept").Should().BeNull();
    }

    [Fact]
    public void A_missing_bad_words_list_is_reported_once_per_language()
    {
        var lists = new QualityWordLists(Path.Combine(Path.GetTempPath(), "no-such-ldnoobw"));
        var warnings = new List<string>();
        lists.Warning += (_, message) => warnings.Add(message);
        var computer = new QualitySignalComputer(lists);

        computer.Compute("one", "en");
        computer.Compute("two", "en");
        computer.Compute("drei", "de");

        warnings.Should().HaveCount(2).And.OnlyContain(w => w.Contains("LDNOOBW", StringComparison.Ordinal));
        computer.Compute("one", "en").Get("rps_doc_ldnoobw_words").Should().BeNull();
    }

    private static double PythonPrecision(double value) => PythonRounding.Round8(value);
}
