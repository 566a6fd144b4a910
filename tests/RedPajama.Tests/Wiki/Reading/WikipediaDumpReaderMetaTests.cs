using RedPajama.Documents;
using RedPajama.Sources.Wikipedia.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Wiki.Reading;

public sealed class WikipediaDumpReaderMetaTests
{
    [Theory]
    [InlineData("dewiki", "de")]
    [InlineData("bgwiki", "bg")]
    [InlineData("zh_classicalwiki", "zh-classical")]
    [InlineData("enwiktionary", "en")]
    [InlineData("wiki", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Language_of_a_database_name(string? dbName, string? expected) =>
        DumpNames.LanguageOfDbName(dbName).Should().Be(expected);

    [Theory]
    [InlineData(null, "/x/bgwiki-20230320-pages-articles.xml.bz2", "bg")]
    [InlineData(null, "bgwiki-minidump.xml.bz2", "bg")]
    [InlineData("dewiki", "bgwiki-20230320-pages-articles.xml.bz2", "de")]
    [InlineData(null, "dump.xml", null)]
    public void Language_falls_back_to_the_file_name(string? dbName, string path, string? expected) =>
        DumpNames.LanguageOf(dbName, path).Should().Be(expected);

    [Theory]
    [InlineData("enwiki-20230320-pages-articles-multistream1.xml-p1p41242.bz2", "20230320")]
    [InlineData("/data/dewiki/20230320/dewiki-20230320-pages-articles.xml.bz2", "20230320")]
    [InlineData("enwiki-latest-pages-articles.xml.bz2", null)]
    [InlineData("enwiki-20231399-pages-articles.xml.bz2", null)]
    [InlineData("enwiki-minidump.xml.bz2", null)]
    [InlineData("wiki_en_20230320_train.jsonl", "20230320")]
    public void Dump_date_from_the_file_name(string path, string? expected) =>
        DumpNames.DateOf(path).Should().Be(expected);

    [Fact]
    public void Meta_of_the_bulgarian_sample_comes_from_its_siteinfo()
    {
        Document kept = WikiDumps.ReadFile(WikiDumps.Fixture("gensim-bgwiki-latest-pages-articles-shortened.xml.bz2")).Single(d => !d.IsDropped);
        WikiDumps.Language(kept).Should().Be("bg");
        WikiDumps.Namespaces(kept).Should().Be("6:Файл\n14:Категория");
        WikiDumps.Timestamp(kept).Should().BeNull();
        kept.Text.Should().NotBeEmpty();
    }

    [Fact]
    public void Meta_of_a_dated_dump_and_a_dump_without_siteinfo()
    {
        using var temp = new TemporaryDirectory();
        string dated = temp.Combine("dewiki-20230320-pages-articles-multistream.xml");
        File.Copy(WikiDumps.Fixture("synthetic-mixed.xml"), dated);
        Document first = WikiDumps.ReadFile(dated)[0];
        WikiDumps.Title(first).Should().Be("Plain article");
        WikiDumps.PageId(first).Should().Be(1);
        WikiDumps.Language(first).Should().Be("de");
        WikiDumps.Timestamp(first).Should().Be("20230320");
        WikiDumps.Namespaces(first).Should().Be("6:Datei\n14:Kategorie");

        Document table = WikiDumps.ReadFile(WikiDumps.Fixture("gensim-enwiki-table-markup.xml.bz2"))[0];
        WikiDumps.Language(table).Should().BeNull("no siteinfo and no <lang>wiki file name");
        WikiDumps.Namespaces(table).Should().BeNull();
    }

    [Fact]
    public void Text_is_decoded_as_xml_requires()
    {
        List<Document> documents = WikiDumps.ReadFile(WikiDumps.Fixture("synthetic-mixed.xml"));
        documents.Single(d => WikiDumps.Title(d) == "Entities & more").Text.Should().Be("a <ref>x</ref> & é 中 \"q\" '");
        documents.Single(d => WikiDumps.Title(d) == "CRLF").Text.Should().Be("line one\nline two\nline three");
        documents.Single(d => WikiDumps.Title(d) == "Two revisions").Text.Should().Be("second revision");
        documents.Single(d => WikiDumps.Title(d) == "Whitespace text").Text.Should().Be("   ");
        documents.Single(d => WikiDumps.Title(d) == "Spaced ns").DropReason.Should().Be(WikipediaDropReasons.NotArticle);
        documents.Single(d => WikiDumps.Title(d) == "No revision").DropReason.Should().Be(WikipediaDropReasons.EmptyPage);
        documents.Single(d => WikiDumps.Title(d) == "Redirect outside main").DropReason.Should().Be(WikipediaDropReasons.NotArticle);
    }

    [Fact]
    public void Meta_fields_missing_from_the_schema_are_skipped()
    {
        string path = WikiDumps.Fixture("synthetic-mixed.xml");
        using FileStream stream = File.OpenRead(path);
        var meta = new MetaSchema(new MetaField("title", MetaType.Text));
        List<Document> documents = [.. new WikipediaDumpReader().Read(new RedPajama.Reading.InputFile(3, path, stream.Length), stream, meta)];
        documents[0].Meta.Should().Equal("Plain article");
        documents[0].Order.Should().Be(new OrderKey(3, 0));
    }

    [Fact]
    public void Accepts_dump_names()
    {
        WikipediaDumpReader.Accepts("enwiki-20230320-pages-articles-multistream1.xml-p1p41242.bz2").Should().BeTrue();
        WikipediaDumpReader.Accepts("dewiki-20230320-pages-articles.xml.bz2").Should().BeTrue();
        WikipediaDumpReader.Accepts("a.xml").Should().BeTrue();
        WikipediaDumpReader.Accepts("a.jsonl.gz").Should().BeFalse();
        WikipediaDumpReader.Accepts("enwiki-20230320-pages-articles1.xml-p1p41242").Should().BeTrue();
        WikipediaDumpReader.Accepts("a.xml.gz").Should().BeTrue();
        WikipediaDumpReader.Accepts("a.xml.zst").Should().BeTrue();

        // Files beside a dump in a folder given as input are not dumps: goldens, indexes, notes.
        WikipediaDumpReader.Accepts("enwiki-minidump.xml.bz2.golden.jsonl").Should().BeFalse();
        WikipediaDumpReader.Accepts("enwiki-20230320-pages-articles-multistream-index.txt.bz2").Should().BeFalse();
        WikipediaDumpReader.Accepts("notes.xml.txt").Should().BeFalse();
        WikipediaDumpReader.Accepts("a.xml-p1p").Should().BeFalse();
    }
}
