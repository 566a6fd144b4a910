using System.Collections.Concurrent;
using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.Wikipedia.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Wiki.Reading;

/// <summary>Multistream dumps: stream offsets, ranges, and ranges read in parallel against a sequential read.</summary>
public sealed class MultistreamTests
{
    private static (string Dump, string Index) Build(TemporaryDirectory temp, int pages = 1000, int perStream = 100)
    {
        string dump = temp.Combine("bgwiki-20230320-pages-articles-multistream.xml.bz2");
        string index = temp.Combine("bgwiki-20230320-pages-articles-multistream-index.txt.bz2");
        WikiDumps.WriteMultistream(dump, index, WikiDumps.Pages(pages), perStream);
        return (dump, index);
    }

    // Each range read as the engines read it: an input of its own, the range's bytes as content, pages from 0.
    private static List<List<Document>> ReadRanges(string dump, IReadOnlyList<InputRange> ranges, int threads, WikipediaDumpReader? reader = null)
    {
        reader ??= new WikipediaDumpReader();
        var parts = new ConcurrentDictionary<int, List<Document>>();
        Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var input = new InputFile(i, dump, ranges[i].Length, Range: ranges[i]);
            using Stream content = InputStreams.OpenInput(input, downloads: null);
            parts[i] = [.. reader.Read(input, content, WikiDumps.Meta)];
        });
        return [.. Enumerable.Range(0, ranges.Count).Select(i => parts[i])];
    }

    private static object Summary(Document d) =>
        (WikiDumps.Title(d), WikiDumps.PageId(d), WikiDumps.Language(d), WikiDumps.Timestamp(d), WikiDumps.Namespaces(d), d.DropReason, d.Text);

    [Fact]
    public void Stream_starts_found_by_scanning_are_the_index_offsets()
    {
        using var temp = new TemporaryDirectory();
        (string dump, string indexPath) = Build(temp);
        MultistreamIndex index = MultistreamIndex.Load(indexPath);
        index.PageCount.Should().Be(1000);
        index.StreamOffsets.Should().HaveCount(10);
        List<long> scanned = [.. Bzip2Blocks.FindStreamStarts(dump)];

        // Stream 0 (header) and the footer stream are not in the index.
        scanned.Should().Equal([0, .. index.StreamOffsets, scanned[^1]]);
        scanned.Should().OnlyContain(o => Bzip2Blocks.VerifyStreamStart(dump, o));
        Bzip2Blocks.VerifyStreamStart(dump, index.StreamOffsets[3] + 17).Should().BeFalse();
        MultistreamIndex.FindBeside(dump).Should().Be(indexPath);
        MultistreamIndex.FindBeside(temp.Combine("enwiki-20230320-pages-articles-multistream1.xml-p1p41242.bz2")).Should().BeNull();
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(20_000, true)]
    [InlineData(20_000, false)]
    [InlineData(1L << 40, false)]
    public void Ranges_read_in_parallel_give_the_pages_of_a_sequential_read(long targetBytes, bool withIndex)
    {
        using var temp = new TemporaryDirectory();
        (string dump, string indexPath) = Build(temp);
        List<Document> sequential = WikiDumps.ReadFile(dump);
        sequential.Should().HaveCount(1000);
        WikiDumps.Language(sequential[0]).Should().Be("bg");
        WikiDumps.Timestamp(sequential[0]).Should().Be("20230320");

        IReadOnlyList<InputRange> ranges = Bzip2Blocks.Ranges(dump, targetBytes, withIndex ? MultistreamIndex.Load(indexPath) : null);
        ranges[0].Start.Should().Be(0);
        ranges[^1].End.Should().Be(new FileInfo(dump).Length);
        ranges.Zip(ranges.Skip(1)).All(p => p.First.End == p.Second.Start).Should().BeTrue();
        if (targetBytes == 1)
        {
            ranges.Should().HaveCount(11, "the header stream, then one range per indexed stream (the last with the footer)");
        }

        List<List<Document>> parts = ReadRanges(dump, ranges, 4);
        parts.SelectMany(p => p).Select(Summary).Should().Equal(sequential.Select(Summary));
        parts.Should().OnlyContain(p => p.Select(d => d.Order.Record).SequenceEqual(Enumerable.Range(0, p.Count).Select(k => (long)k)), "each range numbers its pages from 0");
        parts.Select((p, i) => p.All(d => d.Order.Input == i)).Should().OnlyContain(same => same);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Split_gives_ranges_of_about_the_wanted_size_from_the_index_or_a_scan(bool withIndex)
    {
        using var temp = new TemporaryDirectory();
        (string dump, string indexPath) = Build(temp);
        if (!withIndex)
        {
            File.Delete(indexPath);
        }

        long length = new FileInfo(dump).Length;
        var reader = new WikipediaDumpReader(WikipediaDumpReader.DefaultMaxPageChars, rangeBytes: 30_000);
        IReadOnlyList<InputRange> ranges = reader.Split(dump);
        ranges.Should().HaveCountGreaterThan(2);
        ranges[0].Start.Should().Be(0);
        ranges[^1].End.Should().Be(length);
        ranges.Zip(ranges.Skip(1)).Should().OnlyContain(p => p.First.End == p.Second.Start);
        ranges.SkipLast(1).Should().OnlyContain(r => r.Length >= 30_000);
        ReadRanges(dump, ranges, 3, reader).SelectMany(p => p).Select(Summary).Should().Equal(WikiDumps.ReadFile(dump).Select(Summary));

        new WikipediaDumpReader(WikipediaDumpReader.DefaultMaxPageChars, rangeBytes: length / 2 + 1).Split(dump).Should().BeEmpty("a file under twice the range size is read whole");
        string single = WikiDumps.Fixture("enwiki-minidump.xml.bz2");
        new WikipediaDumpReader(WikipediaDumpReader.DefaultMaxPageChars, rangeBytes: 1).Split(single).Should().BeEmpty("a file of one stream is read whole");
        string plain = temp.Combine("bgwiki-20230320-pages-articles.xml");
        File.WriteAllText(plain, "<mediawiki></mediawiki>");
        new WikipediaDumpReader(WikipediaDumpReader.DefaultMaxPageChars, rangeBytes: 1).Split(plain).Should().BeEmpty("only bzip2 is split");
    }

    [Fact]
    public void A_truncated_dump_fails_in_its_last_range_after_the_pages_a_sequential_read_gives()
    {
        using var temp = new TemporaryDirectory();
        (string dump, string indexPath) = Build(temp);
        MultistreamIndex index = MultistreamIndex.Load(indexPath);
        byte[] bytes = File.ReadAllBytes(dump);
        File.WriteAllBytes(dump, bytes[..(int)(index.StreamOffsets[6] + 5000)]);

        (List<Document> sequential, Exception? sequentialError) = WikiDumps.ReadUntilError(dump);
        sequentialError.Should().NotBeNull();
        sequential.Should().HaveCount(600);
        IReadOnlyList<InputRange> ranges = Bzip2Blocks.Ranges(dump, 1, index);
        ranges.Should().HaveCount(8, "the header range, six whole streams, and the cut one");
        var pages = new List<Document>();
        for (int i = 0; i < ranges.Count; i++)
        {
            var input = new InputFile(i, dump, ranges[i].Length, Range: ranges[i]);
            using Stream content = InputStreams.OpenInput(input, downloads: null);
            Action read = () => pages.AddRange(new WikipediaDumpReader().Read(input, content, WikiDumps.Meta));
            if (i < ranges.Count - 1)
            {
                read.Should().NotThrow();
            }
            else
            {
                read.Should().Throw<Exception>().Which.Should().Match<Exception>(e => InputError.IsInputFailure(e));
            }
        }

        pages.Select(Summary).Should().Equal(sequential.Select(Summary));
    }

    [Fact]
    public void A_range_ending_inside_a_stream_fails()
    {
        using var temp = new TemporaryDirectory();
        (string dump, string indexPath) = Build(temp);
        MultistreamIndex index = MultistreamIndex.Load(indexPath);
        var bad = new InputRange(index.StreamOffsets[1], index.StreamOffsets[2] - 100);
        var input = new InputFile(0, dump, bad.Length, Range: bad);
        Func<int> read = () =>
        {
            using Stream content = InputStreams.OpenInput(input, downloads: null);
            return new WikipediaDumpReader().Read(input, content, WikiDumps.Meta).Count();
        };
        read.Should().Throw<Exception>().Which.Should().Match<Exception>(e => InputError.IsInputFailure(e), "the range ends inside a stream");
        var outside = new InputFile(0, dump, 10, Range: new InputRange(new FileInfo(dump).Length - 5, new FileInfo(dump).Length + 5));
        ((Action)(() => InputStreams.OpenInput(outside, downloads: null).Dispose())).Should().Throw<InvalidDataException>().WithMessage("*not within the file*");
    }

    [Fact]
    public void Site_info_comes_from_stream_0()
    {
        using var temp = new TemporaryDirectory();
        (string dump, _) = Build(temp, pages: 50, perStream: 10);
        SiteInfo site = WikipediaDumpReader.ReadSiteInfo(dump);
        site.DbName.Should().Be("bgwiki");
        site.EncodeMediaCategoryNamespaces().Should().Be("6:Файл\n14:Категория");
        site.RootNamespaces.Should().ContainKey(string.Empty);
    }

    [Fact]
    public void Concatenated_streams_decode_as_one()
    {
        using var temp = new TemporaryDirectory();
        string path = temp.Combine("two.bz2");
        using (var file = File.Create(path))
        {
            WikiDumps.WriteStream(file, "first ");
            WikiDumps.WriteStream(file, "second");
        }

        using Stream decoded = Bzip2.OpenRead(File.OpenRead(path));
        new StreamReader(decoded).ReadToEnd().Should().Be("first second");

        File.AppendAllText(path, "junk");
        using Stream withJunk = Bzip2.OpenRead(File.OpenRead(path));
        Action read = () => new StreamReader(withJunk).ReadToEnd();
        read.Should().Throw<InvalidDataException>();
    }
}
