using System.Text;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Books;
using RedPajama.Udfs.Text;

namespace RedPajama.Tests.Udfs;

public sealed class GutenbergCleanerTests
{
    public static TheoryData<string, string, string, string, string> Books => new()
    {
        // file, text starts with, first real paragraph, last real paragraph, text ends with
        { "11-0.txt", "ALICE’S ADVENTURES IN WONDERLAND", "Alice was beginning to get very tired of sitting by her sister on the", "Lastly, she pictured to herself how this same little sister of hers", "THE END" },
        { "1952-0.txt", "THE YELLOW WALLPAPER", "It is very seldom that mere ordinary people like John and myself secure", "Now why should that man have fainted? But he did, and right across my path", "so that I had to creep over him every time!" },
        { "fr-Candide.txt", "OEUVRES", "_Candide_ parut au plus tard en mars 1759.  Le roi de Prusse en", "homme: et Pangloss disait quelquefois à Candide: Tous les", "FIN DE CANDIDE." },
        { "pg1342.txt", "[Illustration:", "It is a truth universally acknowledged, that a single man in possession", "With the Gardiners they were always on the most intimate terms. Darcy,", "TOOKS COURT, CHANCERY LANE, LONDON." },
        { "pg1661.txt", "The Adventures of Sherlock Holmes", "To Sherlock Holmes she is always _the_ woman. I have seldom heard him", "And thus was solved the mystery of the sinister house with the copper", "she has met with considerable success." },
    };

    [Theory]
    [MemberData(nameof(Books))]
    public void Strips_header_and_footer_and_keeps_the_book(string file, string start, string firstParagraph, string lastParagraph, string end)
    {
        GutenbergCleaning cleaned = GutenbergCleaner.Clean(File.ReadAllBytes(TestData.Book(file)));

        cleaned.IsKept.Should().BeTrue();
        cleaned.Text.TrimStart().Should().StartWith(start);
        cleaned.Text.Should().EndWith(end);
        cleaned.Text.Should().Contain(firstParagraph).And.Contain(lastParagraph);
        cleaned.Text.Should().NotContainEquivalentOf("project gutenberg");
        cleaned.Text.Should().NotContain("*** START").And.NotContain("*** END").And.NotContain("Produced by");
        cleaned.Text.Should().NotContain("\r").And.NotContain("\uFEFF");
    }

    [Theory]
    [InlineData("11-0.txt", "Alice’s Adventures in Wonderland", "Lewis Carroll", "en", "11", "UTF-8")]
    [InlineData("1952-0.txt", "The Yellow Wallpaper", "Charlotte Perkins Gilman", "en", "1952", "UTF-8")]
    [InlineData("fr-Candide.txt", "Candide", "Voltaire", "fr", "4650", null)]
    [InlineData("pg1342.txt", "Pride and Prejudice", "Jane Austen", "en", "1342", null)]
    [InlineData("pg1661.txt", "The Adventures of Sherlock Holmes", "Arthur Conan Doyle", "en", "1661", null)]
    public void Reads_the_header_metadata(string file, string title, string author, string language, string number, string? charset)
    {
        GutenbergMetadata metadata = GutenbergCleaner.Clean(File.ReadAllBytes(TestData.Book(file))).Metadata;

        metadata.Should().Be(new GutenbergMetadata(title, author, language, number, charset));
        metadata.Url.Should().Be("http://www.gutenberg.org/ebooks/" + number);
    }

    [Fact]
    public void Utf8_with_and_without_bom_and_crlf_give_the_same_text()
    {
        byte[] original = File.ReadAllBytes(TestData.Book("11-0.txt"));
        string decoded = Encoding.UTF8.GetString(original.AsSpan(3));
        byte[] withoutBomLf = Encoding.UTF8.GetBytes(decoded.Replace("\r\n", "\n", StringComparison.Ordinal));

        GutenbergCleaner.Clean(withoutBomLf).Text.Should().Be(GutenbergCleaner.Clean(original).Text);
        GutenbergCleaner.Clean(original).Encoding.Should().Be(TextEncodingKind.Utf8WithBom);
        GutenbergCleaner.Clean(withoutBomLf).Encoding.Should().Be(TextEncodingKind.Utf8);
    }

    [Fact]
    public void Latin1_file_decodes_to_the_same_text_as_its_utf8_original()
    {
        // Candide is French: accented letters are one byte each in Latin-1 and two in UTF-8.
        byte[] utf8 = File.ReadAllBytes(TestData.Book("fr-Candide.txt"));
        string text = Encoding.UTF8.GetString(utf8.AsSpan(3));
        byte[] latin1 = Encoding.Latin1.GetBytes(text);

        GutenbergCleaning fromLatin1 = GutenbergCleaner.Clean(latin1);

        fromLatin1.Encoding.Should().Be(TextEncodingKind.Windows1252);
        fromLatin1.Text.Should().Be(GutenbergCleaner.Clean(utf8).Text);
        fromLatin1.Text.Should().Contain("Cunégonde").And.Subject.Should().NotContain("\uFFFD");
    }

    [Fact]
    public void Windows1252_smart_quotes_decode_to_their_characters()
    {
        byte[] bytes = [.. "*** START OF THIS PROJECT GUTENBERG EBOOK X ***\n"u8, 0x93, .. "Quoted"u8, 0x94, .. " text\n"u8];

        GutenbergCleaner.Clean(bytes).Text.Should().Be("\u201CQuoted\u201D text");
    }

    [Fact]
    public void Declared_utf8_with_a_bad_byte_keeps_utf8_and_marks_the_byte()
    {
        string header = "Title: T\r\nCharacter set encoding: UTF-8\r\n*** START OF THE PROJECT GUTENBERG EBOOK T ***\r\n";
        byte[] bytes = [.. Encoding.UTF8.GetBytes(header + "Caf\u00e9 "), 0xFF, .. Encoding.UTF8.GetBytes(" na\u00efve")];

        GutenbergCleaning cleaned = GutenbergCleaner.Clean(bytes);

        cleaned.Encoding.Should().Be(TextEncodingKind.Utf8WithReplacements);
        cleaned.Text.Should().Be("Caf\u00e9 \uFFFD na\u00efve");
    }

    [Fact]
    public void A_book_without_blank_lines_that_mentions_its_producer_is_kept_whole()
    {
        // One paragraph of 20 lines that says "produced by" is the book, not a transcription credit.
        string body = string.Join("\n", Enumerable.Range(1, 20).Select(i => i == 7 ? "a play produced by the company," : $"line {i} of the story,"));
        byte[] bytes = Encoding.UTF8.GetBytes("Title: T\n*** START OF THE PROJECT GUTENBERG EBOOK T ***\nProduced by a volunteer.\n\n" + body + "\n");

        GutenbergCleaner.Clean(bytes).Text.Should().Be(body);
    }

    [Fact]
    public void Text_without_gutenberg_markers_is_dropped_or_kept_whole_as_configured()
    {
        byte[] plain = Encoding.UTF8.GetBytes("A plain text file.\r\nIt has two lines.\r\n");

        GutenbergCleaner.Clean(plain).DropReason.Should().Be(BookDropReasons.NotGutenberg);
        GutenbergCleaning kept = GutenbergCleaner.Clean(plain, requireMarkers: false);
        kept.IsKept.Should().BeTrue();
        kept.Text.Should().Be("A plain text file.\nIt has two lines.");
    }

    [Fact]
    public void Empty_binary_and_boilerplate_only_files_are_dropped_with_their_reason()
    {
        GutenbergCleaner.Clean([]).DropReason.Should().Be(BookDropReasons.EmptyFile);
        GutenbergCleaner.Clean([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]).DropReason.Should().Be(BookDropReasons.Binary);
        byte[] onlyBoilerplate = Encoding.ASCII.GetBytes(
            "Title: Nothing\n\n*** START OF THE PROJECT GUTENBERG EBOOK NOTHING ***\n\nProduced by Someone\n\n\n*** END OF THE PROJECT GUTENBERG EBOOK NOTHING ***\nlicence\n");
        GutenbergCleaning empty = GutenbergCleaner.Clean(onlyBoilerplate);
        empty.DropReason.Should().Be(BookDropReasons.Empty);
        empty.Metadata.Title.Should().Be("Nothing");
    }

    [Theory]
    [InlineData("*** START OF THE PROJECT GUTENBERG EBOOK X ***", "*** END OF THE PROJECT GUTENBERG EBOOK X ***")]
    [InlineData("*** START OF THIS PROJECT GUTENBERG EBOOK X ***", "*** END OF THIS PROJECT GUTENBERG EBOOK X ***")]
    [InlineData("***START OF THE PROJECT GUTENBERG EBOOK X***", "***END OF THE PROJECT GUTENBERG EBOOK X***")]
    [InlineData("*** START OF THE COPYRIGHTED PROJECT GUTENBERG EBOOK X ***", "*** END OF THE COPYRIGHTED PROJECT GUTENBERG EBOOK X ***")]
    [InlineData("*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*", "End of the Project Gutenberg Etext of X")]
    [InlineData("*END THE SMALL PRINT! FOR PUBLIC DOMAIN EBOOKS*Ver.02/11/02*END*", "End of The Project Gutenberg Etext of X")]
    [InlineData("*** START OF THE PROJECT GUTENBERG EBOOK X ***", "            *** END OF THE PROJECT GUTENBERG EBOOK X ***")]
    [InlineData("*** Start of the Project Gutenberg eBook X ***", "End of Project Gutenberg's X, by Y")]
    [InlineData("*** START OF THIS PROJECT GUTENBERG EBOOK X ***", "End of this Project Gutenberg Etext of X")]
    [InlineData("*** START OF THIS PROJECT GUTENBERG EBOOK X ***", "END OF PROJECT GUTENBERG'S X")]
    [InlineData("*** START OF THIS PROJECT GUTENBERG EBOOK X ***", "Ende dieses Project Gutenberg Etextes X")]
    public void Every_marker_variant_cuts_header_and_footer(string startMarker, string endMarker)
    {
        string file = string.Join("\r\n",
            "The Project Gutenberg EBook of X, by Y",
            "Title: X",
            startMarker,
            string.Empty,
            "Chapter 1",
            string.Empty,
            "The only paragraph.",
            string.Empty,
            endMarker,
            "*** This file should be named x.txt ***",
            "The licence, which is long.");

        GutenbergCleaning cleaned = GutenbergCleaner.Clean(Encoding.UTF8.GetBytes(file));

        cleaned.Text.Should().Be("Chapter 1\n\nThe only paragraph.");
        cleaned.Metadata.Title.Should().Be("X");
        cleaned.Metadata.Author.Should().Be("Y");
    }

    [Fact]
    public void A_file_cut_before_its_footer_keeps_the_text_to_the_end()
    {
        string file = "Title: Cut\n*** START OF THE PROJECT GUTENBERG EBOOK CUT ***\nFirst line.\nLast line before the cut";

        GutenbergCleaner.Clean(Encoding.UTF8.GetBytes(file)).Text.Should().Be("First line.\nLast line before the cut");
    }

    [Fact]
    public void Old_style_small_print_header_ends_at_its_end_marker()
    {
        string file = string.Join('\n',
            "**The Project Gutenberg Etext of The Example, by A. Writer**",
            "***START**THE SMALL PRINT!**FOR PUBLIC DOMAIN ETEXTS**START***",
            "Why is this \"Small Print!\" statement here? ...",
            "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*",
            string.Empty,
            "The first line of the book.",
            "The last line of the book.",
            string.Empty,
            "End of The Project Gutenberg Etext of The Example");

        GutenbergCleaning cleaned = GutenbergCleaner.Clean(Encoding.ASCII.GetBytes(file));

        cleaned.Text.Should().Be("The first line of the book.\nThe last line of the book.");
        cleaned.Metadata.Title.Should().Be("The Example");
        cleaned.Metadata.Author.Should().Be("A. Writer");
    }

    [Fact]
    public void Legalese_notices_inside_the_text_are_removed()
    {
        string file = string.Join('\n',
            "*** START OF THIS PROJECT GUTENBERG EBOOK PLAY ***",
            "ACT I",
            "<<THIS ELECTRONIC VERSION OF THE COMPLETE WORKS OF WILLIAM",
            "SHAKESPEARE IS COPYRIGHT 1990-1993 BY WORLD LIBRARY, INC. ...",
            "SERVICE THAT CHARGES FOR DOWNLOAD TIME OR FOR MEMBERSHIP.>>",
            "Enter a king.",
            "*** END OF THIS PROJECT GUTENBERG EBOOK PLAY ***");

        GutenbergCleaner.Clean(Encoding.ASCII.GetBytes(file)).Text.Should().Be("ACT I\nEnter a king.");
    }
}
