using System.Text;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Books;

namespace RedPajama.Tests.Udfs;

/// <summary>
/// Real 1993–2003 Project Gutenberg layouts (fixtures/books/gutenberg-old) against the text c-w/gutenberg's
/// strip_headers keeps for them (its goldens, written by make-fixtures.py).
/// </summary>
public sealed class OldGutenbergBooksTests
{
    public static TheoryData<string> Fixtures => new()
    {
        "dvldc10-1993.txt",
        "nwsnw10-2000.txt",
        "7tcng10-2003.txt",
        "debian-6527-2003.txt",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Cleaned_text_is_what_strip_headers_keeps(string name)
    {
        GutenbergCleaning cleaned = GutenbergCleaner.Clean(File.ReadAllBytes(Fixture(name)));

        cleaned.IsKept.Should().BeTrue();
        // The one deliberate difference: the cleaner drops blank lines at both ends and trailing whitespace at the
        // very end, where strip_headers keeps the blank lines around the body.
        cleaned.Text.Should().Be(TrimBlankEnds(File.ReadAllText(Golden(name))));
    }

    [Fact]
    public void A_book_whose_footer_opens_with_the_small_print_keeps_its_text()
    {
        // The 2003 layout: "*** START OF …" header, the book, then straight into the footer's
        // "***START**THE SMALL PRINT!" (no "End of …" line), which ends with "*END THE SMALL PRINT!…*END*".
        // Built from the real 7tcng10 header, body and small print. strip_headers keeps the whole small print
        // after such a body (its START markers count only in the first 600 lines and it knows no footer marker
        // here); the cleaner ends the book where the small print starts, so its text is the body alone.
        string[] lines = File.ReadAllText(Fixture("7tcng10-2003.txt"), Encoding.ASCII).Split("\r\n");
        int footer = Array.FindIndex(lines, l => l.StartsWith("End of Project Gutenberg's", StringComparison.Ordinal));
        int lastBodyLine = Array.FindLastIndex(lines, footer - 1, l => l.Length > 0);
        int smallPrint = Array.FindIndex(lines, l => l.StartsWith("***START**THE SMALL PRINT!", StringComparison.Ordinal));
        string file = string.Join("\r\n", lines[..(lastBodyLine + 1)]
            .Concat([string.Empty, "END OF VOLUME I.", string.Empty, string.Empty, string.Empty])
            .Concat(lines[smallPrint..]));

        GutenbergCleaning cleaned = GutenbergCleaner.Clean(Encoding.ASCII.GetBytes(file));

        cleaned.DropReason.Should().BeNull();
        cleaned.Text.Should().Be(TrimBlankEnds(File.ReadAllText(Golden("7tcng10-2003.txt"))) + "\n\nEND OF VOLUME I.");
        cleaned.Metadata.Title.Should().Be("The Complete Angler 1653");
    }

    [Theory]
    [InlineData("dvldc10-1993.txt", "The Devil's Dictionary", "Bierce", null)]
    [InlineData("nwsnw10-2000.txt", "News from Nowhere", "William Morris", "en")]
    [InlineData("7tcng10-2003.txt", "The Complete Angler 1653", "Isaak Walton", "en")]
    [InlineData("debian-6527-2003.txt", "Debian GNU/Linux: Guide to Installation and Usage", "John Goerzen and Ossama Othman", "en")]
    public void Old_headers_give_title_author_and_a_language_code(string name, string title, string author, string? language)
    {
        GutenbergMetadata metadata = GutenbergCleaner.Clean(File.ReadAllBytes(Fixture(name))).Metadata;

        metadata.Title.Should().Be(title);
        metadata.Author.Should().Be(author);
        metadata.Language.Should().Be(language);
    }

    private static string Fixture(string name) => TestData.Fixture(Path.Combine("books", "gutenberg-old", name));

    private static string Golden(string name) => TestData.Fixture(Path.Combine("books", "gutenberg-old", "golden", name));

    private static string TrimBlankEnds(string text)
    {
        string[] lines = text.Split('\n');
        int first = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        return first < 0 ? string.Empty : string.Join('\n', lines[first..]).TrimEnd();
    }
}
