using System.Text;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Quality;
using RedPajama.Sources.Books;
using RedPajama.Tests.Quality;
using RedPajama.Udfs.Books;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Sources;

/// <summary>Gutenberg language names become the codes the word lists are keyed by (issue 14, item 2).</summary>
public sealed class BooksLanguageTests
{
    private const string Paragraph = "Der Mann und die Frau gehen in the house, la maison et le jardin; el hombre y la casa, il cane e la casa.";

    [Theory]
    [InlineData("English", "en")]
    [InlineData("French", "fr")]
    [InlineData("  german ", "de")]
    [InlineData("ENGLISH", "en")]
    [InlineData("English, French", "en")]
    [InlineData("Latin and English", "la")]
    [InlineData("English/Welsh", "en")]
    [InlineData("Gaelic, Scottish", "gd")]
    [InlineData("Greek, Ancient", "grc")]
    [InlineData("Greek, Ancient, English", "grc")]
    [InlineData("Greek", "el")]
    [InlineData("Middle English", "enm")]
    [InlineData("Caló", "rmr")]
    [InlineData("fr", "fr")]
    [InlineData("en-US", "en")]
    [InlineData("grc", "grc")]
    [InlineData("Klingon", null)]
    [InlineData("Englishman", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Gutenberg_language_names_map_to_codes(string? value, string? code) =>
        GutenbergLanguages.ToCode(value).Should().Be(code);

    [Fact]
    public void The_table_has_gutenberg_s_languages_with_two_letter_codes_where_iso_639_1_has_one()
    {
        GutenbergLanguages.Names.Should().HaveCount(68);
        GutenbergLanguages.Names.Values.Should().OnlyContain(c => c.Length >= 2 && c.Length <= 3 && c.All(char.IsAsciiLetterLower));
        GutenbergLanguages.Names["Gaelic, Scottish"].Should().Be("gd");
        GutenbergLanguages.Names["Navajo"].Should().Be("nv");
        GutenbergLanguages.Names["Ojibwa"].Should().Be("oj");
    }

    public static TheoryData<string> ShippedLanguages()
    {
        var codes = new SortedSet<string>(StopWordLists.Languages, StringComparer.Ordinal);
        codes.UnionWith(Directory.GetFiles(QualityGolden.BadWordsDirectory).Select(Path.GetFileName).Where(n => n is { Length: 2 })!);
        return [.. codes];
    }

    [Theory]
    [MemberData(nameof(ShippedLanguages))]
    public void Every_language_with_shipped_word_lists_gets_its_signals_from_a_gutenberg_header(string code)
    {
        // Every code the project ships a stop-word or LDNOOBW list for must be reachable from a Gutenberg header.
        string[] names = [.. GutenbergLanguages.Names.Where(n => n.Value == code).Select(n => n.Key)];
        names.Should().NotBeEmpty($"'{code}' has shipped word lists but no Gutenberg language name maps to it");

        var warnings = new List<string>();
        var lists = new QualityWordLists(QualityGolden.BadWordsDirectory);
        lists.Warning += (_, message) => warnings.Add(message);
        var signals = new QualitySignalsStep(new QualitySignalComputer(lists), BookMeta.Schema, "en");
        foreach (string name in names)
        {
            Document book = CleanBook($"Title: A Book\r\nLanguage: {name}\r\n\r\n*** START OF THE PROJECT GUTENBERG EBOOK A BOOK ***\r\n{Paragraph}\r\n*** END OF THE PROJECT GUTENBERG EBOOK A BOOK ***\r\n");
            signals.Apply(book);

            book.Meta[BookMeta.Schema.Require(BookMeta.Language)].Should().Be(code);
            QualitySignalValues values = book.Signals!;
            if (StopWordLists.For(code) is not null)
            {
                values.Get("rps_doc_stop_word_fraction").Should().NotBeNull($"{name} has a stop-word list");
            }

            if (File.Exists(Path.Combine(QualityGolden.BadWordsDirectory, code)))
            {
                values.Get("rps_doc_ldnoobw_words").Should().NotBeNull($"{name} has an LDNOOBW list");
                values.Get("c4_badwords").Should().NotBeNull($"{name} has an LDNOOBW list");
            }
        }

        warnings.Where(w => (StopWordLists.For(code) is not null && w.Contains("stop-word", StringComparison.Ordinal))
            || (File.Exists(Path.Combine(QualityGolden.BadWordsDirectory, code)) && w.Contains("LDNOOBW", StringComparison.Ordinal)))
            .Should().BeEmpty();
    }

    [Theory]
    [InlineData("English", "en")]
    [InlineData("fr", "fr")]
    [InlineData("Klingon", null)]
    public void Rows_that_carry_a_language_get_its_code_too(string language, string? code)
    {
        // PG-19 and Books3 rows have no raw content; a "language" field they carry is turned into a code all the same.
        int field = BookMeta.Schema.Require(BookMeta.Language);
        var row = new Document(new OrderKey(0, 0), BookMeta.Schema.Count) { Text = Paragraph };
        row.Meta[field] = language;

        new GutenbergCleanStep(requireMarkers: true).Apply(row);

        row.Meta[field].Should().Be(code);
        row.Text.Should().Be(Paragraph);
    }

    private static Document CleanBook(string file)
    {
        var book = new Document(new OrderKey(0, 0), BookMeta.Schema.Count) { RawContent = Encoding.UTF8.GetBytes(file) };
        new GutenbergCleanStep(requireMarkers: true).Apply(book);
        book.IsDropped.Should().BeFalse();
        return book;
    }
}
