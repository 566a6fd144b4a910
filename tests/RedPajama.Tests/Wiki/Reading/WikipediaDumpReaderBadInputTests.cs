using System.Text;
using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.Wikipedia.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Wiki.Reading;

/// <summary>Hostile and broken dumps: what is kept, what is dropped, and when the input fails.</summary>
public sealed class WikipediaDumpReaderBadInputTests
{
    private static string Write(TemporaryDirectory temp, string name, string xml)
    {
        string path = temp.Combine(name);
        if (name.EndsWith(".bz2", StringComparison.Ordinal))
        {
            WikiDumps.WriteBzip2(path, xml);
        }
        else
        {
            File.WriteAllText(path, xml, new UTF8Encoding(false));
        }

        return path;
    }

    [Fact]
    public void Billion_laughs_is_refused_without_expansion()
    {
        using var temp = new TemporaryDirectory();
        var xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE mediawiki [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++)
        {
            string previous = i == 1 ? "&lol;" : "&lol" + (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
            xml.Append(" <!ENTITY lol").Append(i).Append(" \"").Append(string.Concat(Enumerable.Repeat(previous, 10))).Append("\">\n");
        }

        xml.Append("]>\n").Append(WikiDumps.Header.Replace("<siteinfo>", "<siteinfo><sitename>&lol9;</sitename>", StringComparison.Ordinal))
            .Append(WikiDumps.Page("A", 1, "&lol9;")).Append(WikiDumps.Footer);
        string path = Write(temp, "laughs.xml.bz2", xml.ToString());

        long before = GC.GetAllocatedBytesForCurrentThread();
        (List<Document> documents, Exception? error) = WikiDumps.ReadUntilError(path);
        documents.Should().BeEmpty();
        error.Should().BeOfType<InvalidDataException>().Which.Message.Should().Contain("DTD");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(64L << 20);
    }

    [Fact]
    public void External_entities_are_never_fetched()
    {
        using var temp = new TemporaryDirectory();
        string secret = temp.Combine("secret.txt");
        File.WriteAllText(secret, "SECRET");
        string xml = $"<!DOCTYPE mediawiki [ <!ENTITY xxe SYSTEM \"file://{secret}\"> <!ENTITY net SYSTEM \"http://127.0.0.1:9/x\"> ]>\n"
            + WikiDumps.Header + WikiDumps.Page("A", 1, "&xxe; &net;") + WikiDumps.Footer;
        (List<Document> documents, Exception? error) = WikiDumps.ReadUntilError(Write(temp, "xxe.xml", xml));
        documents.Should().BeEmpty();
        error.Should().BeOfType<InvalidDataException>();
        error!.Message.Should().NotContain("SECRET");
    }

    [Fact]
    public void An_undeclared_entity_in_a_page_costs_only_that_page()
    {
        using var temp = new TemporaryDirectory();
        string xml = WikiDumps.Header + WikiDumps.Page("A", 1, "ok") + WikiDumps.Page("B", 2, "&lol9; undeclared") + WikiDumps.Page("C", 3, "fine") + WikiDumps.Footer;
        List<Document> documents = WikiDumps.ReadFile(Write(temp, "undeclared.xml", xml));
        documents.Select(d => d.DropReason).Should().Equal(null, WikipediaDropReasons.MalformedXml, null);
        documents[1].Member.Should().Be("B");
        WikiDumps.Title(documents[1]).Should().Be("B");
        documents[2].Text.Should().Be("fine");
        documents.Select(d => d.Order.Record).Should().Equal(0, 1, 2);
    }

    [Fact]
    public void Malformed_pages_are_dropped_and_reading_goes_on()
    {
        using var temp = new TemporaryDirectory();
        string xml = WikiDumps.Header
            + WikiDumps.Page("A", 1, "ok")
            + "  <page>\n    <title>Unclosed</title>\n    <ns>0</ns>\n    <revision><text>never closed</revision>\n  </page>\n"
            + "  <page>\n    <title>Cut short</title>\n    <ns>0</ns>\n    <revision><text>no end tag"
            + WikiDumps.Page("D", 4, "after the cut")
            + "  <page><title>Bad &amp entity</title><ns>0</ns><id>5</id><revision><text>x</text></revision></page>\n"
            + WikiDumps.Page("F", 6, "last")
            + WikiDumps.Footer;
        List<Document> documents = WikiDumps.ReadFile(Write(temp, "malformed.xml.bz2", xml));
        documents.Select(d => d.DropReason).Should().Equal(null, "malformed_xml", "malformed_xml", null, "malformed_xml", null);
        documents.Select(d => d.Member).Should().Equal("A", "Unclosed", "Cut short", "D", "Bad &amp entity", "F");
        documents[3].Text.Should().Be("after the cut");
        documents[5].Text.Should().Be("last");
    }

    [Fact]
    public void A_truncated_bzip2_file_fails_after_the_pages_before()
    {
        using var temp = new TemporaryDirectory();
        List<string> pages = WikiDumps.Pages(400);
        string whole = Write(temp, "whole.xml.bz2", WikiDumps.Header + string.Concat(pages) + WikiDumps.Footer);
        int total = WikiDumps.ReadFile(whole).Count;
        total.Should().Be(400);
        byte[] bytes = File.ReadAllBytes(whole);
        foreach (int keep in (int[])[bytes.Length - 1, bytes.Length - 20, bytes.Length / 2, 200])
        {
            string cut = temp.Combine($"cut{keep}.xml.bz2");
            File.WriteAllBytes(cut, bytes[..keep]);
            (List<Document> documents, Exception? error) = WikiDumps.ReadUntilError(cut);
            error.Should().NotBeNull($"cut to {keep} of {bytes.Length} bytes");

            // A cut in the stream's trailer (after the last block, whose own CRC checks) may leave every page readable.
            documents.Count.Should().BeLessThanOrEqualTo(keep > bytes.Length - 32 ? total : total - 1);
            documents.Select(d => d.Order.Record).Should().Equal(Enumerable.Range(0, documents.Count).Select(i => (long)i));
        }
    }

    [Fact]
    public void A_multistream_dump_cut_between_streams_fails_for_the_missing_root_end()
    {
        using var temp = new TemporaryDirectory();
        string path = temp.Combine("x-multistream.xml.bz2");
        WikiDumps.WriteMultistream(path, temp.Combine("x-multistream-index.txt.bz2"), WikiDumps.Pages(300), 100);
        long lastStream = Bzip2Blocks.FindStreamStarts(path).Last();
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)lastStream]);
        (List<Document> documents, Exception? error) = WikiDumps.ReadUntilError(path);
        documents.Should().HaveCount(300);
        error.Should().BeOfType<InvalidDataException>().Which.Message.Should().Contain("</mediawiki>");
    }

    [Fact]
    public void A_plain_xml_file_cut_inside_a_page_fails_after_the_pages_before()
    {
        using var temp = new TemporaryDirectory();
        string xml = WikiDumps.Header + WikiDumps.Page("A", 1, "ok") + WikiDumps.Page("B", 2, "cut here");
        (List<Document> documents, Exception? error) = WikiDumps.ReadUntilError(Write(temp, "cut.xml", xml[..^40]));
        documents.Should().ContainSingle().Which.Text.Should().Be("ok");
        error.Should().BeOfType<InvalidDataException>().Which.Message.Should().Contain("truncated");
    }

    [Fact]
    public void Invalid_utf8_becomes_replacement_characters()
    {
        using var temp = new TemporaryDirectory();
        string path = temp.Combine("bad-utf8.xml");
        byte[] before = Encoding.UTF8.GetBytes(WikiDumps.Header + WikiDumps.Page("A", 1, "x").Replace(">x<", ">a\u0001b", StringComparison.Ordinal).Split("\u0001")[0]);
        byte[] after = Encoding.UTF8.GetBytes(WikiDumps.Page("A", 1, "x").Replace(">x<", ">a\u0001b<", StringComparison.Ordinal).Split("\u0001")[1] + WikiDumps.Page("B", 2, "fine") + WikiDumps.Footer);
        File.WriteAllBytes(path, [.. before, 0xFF, 0xC3, 0x28, .. after]);
        List<Document> documents = WikiDumps.ReadFile(path);
        documents.Select(d => d.DropReason).Should().Equal(null, null);
        documents[0].Text.Should().Be("a\uFFFD\uFFFD(b");
        documents[1].Text.Should().Be("fine");
    }

    [Fact]
    public void A_huge_page_is_too_large_and_never_held_in_memory()
    {
        // A 100 MB page between two small ones, generated while read (no file, no buffer of it).
        const long HugeBytes = 100L << 20;
        byte[] start = Encoding.UTF8.GetBytes(WikiDumps.Header + WikiDumps.Page("Small", 1, "before")
            + "  <page>\n    <title>Huge</title>\n    <ns>0</ns>\n    <id>2</id>\n    <revision>\n      <text xml:space=\"preserve\">");
        byte[] end = Encoding.UTF8.GetBytes("</text>\n    </revision>\n  </page>\n" + WikiDumps.Page("After", 3, "after") + WikiDumps.Footer);
        using var content = new GeneratedStream(start, HugeBytes, end);
        var reader = new WikipediaDumpReader();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var documents = new List<Document>();
        foreach (Document d in reader.Read(new InputFile(0, "huge.xml", 0), content, WikiDumps.Meta))
        {
            documents.Add(d);
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        documents.Select(d => d.DropReason).Should().Equal(null, WikipediaDropReasons.TooLarge, null);
        documents[1].Member.Should().Be("Huge");
        WikiDumps.PageId(documents[1]).Should().BeNull();
        documents[2].Text.Should().Be("after");

        // The reader holds a page up to its limit (64 Mi chars = 128 MB) before giving up on it; the 100 MB page's
        // 200 MB string is never built. (Allocated bytes, summed over StringBuilder chunks, not the peak.)
        allocated.Should().BeLessThan(WikipediaDumpReader.DefaultMaxPageChars * 2 * 2 + (32L << 20));

        // With a 1 Mi-char limit, what is allocated does not grow with the page.
        long small = 1 << 20;
        using var again = new GeneratedStream(start, HugeBytes, end);
        allocated = GC.GetAllocatedBytesForCurrentThread();
        new WikipediaDumpReader(small).Read(new InputFile(0, "huge.xml", 0), again, WikiDumps.Meta).Select(d => d.DropReason)
            .Should().Equal(null, WikipediaDropReasons.TooLarge, null);
        (GC.GetAllocatedBytesForCurrentThread() - allocated).Should().BeLessThan(32L << 20);
    }

    /// <summary>start + <c>length</c> bytes of 'a' + end, produced as read.</summary>
    private sealed class GeneratedStream(byte[] start, long length, byte[] end) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => start.Length + length + end.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _position < Length)
            {
                buffer[offset + n] = _position < start.Length ? start[_position]
                    : _position < start.Length + length ? (byte)'a'
                    : end[_position - start.Length - length];
                n++;
                _position++;
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
