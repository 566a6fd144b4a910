using System.Text.Json;
using RedPajama.Tests.Support;
using RedPajama.Udfs.C4;
using RedPajama.Udfs.Text;

namespace RedPajama.Tests.Udfs;

/// <summary>
/// TFDS C4's per-page functions: URL normalization and the validation split against upstream's own
/// <c>normalize_url</c> and <c>get_hashed_url_filter_fn</c> (<c>fixtures/c4-clean/golden-urls.jsonl</c>), and the
/// bad-words pattern's flanking rule.
/// </summary>
public sealed class TfdsC4Tests
{
    [Fact]
    public void Urls_normalize_and_split_as_tfds_does()
    {
        string[] lines = File.ReadAllLines(TestData.Fixture("c4-clean/golden-urls.jsonl"));
        lines.Should().HaveCountGreaterThan(3000);
        int validation = 0;
        foreach (string line in lines)
        {
            using JsonDocument row = JsonDocument.Parse(line);
            string url = row.RootElement.GetProperty("url").GetString()!;
            string normalized = TfdsUrls.Normalize(url);
            normalized.Should().Be(row.RootElement.GetProperty("normalized").GetString(), url);
            bool isValidation = TfdsUrls.IsValidation(normalized);
            isValidation.Should().Be(row.RootElement.GetProperty("validation").GetBoolean(), url);
            validation += isValidation ? 1 : 0;
        }

        validation.Should().BePositive("the golden holds URLs of both splits");
    }

    [Theory]
    [InlineData("a line with 2g1c in it.", true)]
    [InlineData("2g1c at the start.", false)]
    [InlineData("at the end: 2g1c", false)]
    [InlineData("digits flank it: 92g1c9.", true)]
    [InlineData("letters do not: x2g1cx.", false)]
    [InlineData("an accented letter does: é2g1cé.", true)]
    [InlineData("phrases count: 2 girls 1 cup here.", true)]
    [InlineData("the emoji \U0001F595 between spaces.", true)]
    public void Bad_words_need_a_character_other_than_a_to_z_on_both_sides(string lowered, bool matches) =>
        new TfdsBadWords(File.ReadLines(RedPajama.Sources.C4Clean.C4CleanModels.BadwordsPath(null))).Matches(lowered).Should().Be(matches);

    [Fact]
    public void Clean_page_applies_the_rules_in_tfds_order()
    {
        var cleaner = new TfdsPageCleaner(new PunktSentenceTokenizer(PunktParameters.Empty), badWords: null);
        string page = string.Join('\n',
            "A first line that is long enough and ends well.",
            "This one mentions JavaScript and goes, ending well.",
            "This line has no end mark at all, so it goes",
            "Short line.",
            "A citation is removed before the end is checked.[1]",
            "The last line is long enough to be kept here too.");

        TfdsCleanedPage cleaned = cleaner.Clean(page);

        cleaned.DropReason.Should().BeNull();
        cleaned.Text.Should().Be("A first line that is long enough and ends well.\nA citation is removed before the end is checked.\nThe last line is long enough to be kept here too.");
        cleaned.Lines.Should().Be(new TfdsLineCounts(TooLongWord: 0, NoEndMark: 1, TooShort: 1, Javascript: 1, Policy: 0, Valid: 3));
        cleaner.Clean(page.Replace("ends well.", "ends { well }.", StringComparison.Ordinal)).DropReason.Should().Be(TfdsDropReasons.CurlyBracket, "a kept-looking line with a brace drops the page");
        cleaner.Clean("One short line.\nAnother line, still only two sentences in all.").DropReason.Should().Be(TfdsDropReasons.TooFewSentences);
    }
}
