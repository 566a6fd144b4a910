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

    private static List<Document> ReadParallel(string dump, IReadOnlyList<DumpRange> ranges, int threads)
    {
        SiteInfo site = WikipediaDumpReader.ReadSiteInfo(dump);
        var input = new InputFile(0, dump, new FileInfo(dump).Length);
        var reader = new WikipediaDumpReader();
        var parts = new ConcurrentDictionary<int, List<Document>>();
        Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            parts[i] = [.. reader.ReadRange(input, ranges[i], site, WikiDumps.Meta)]);
        return [.. Enumerable.Range(0, ranges.Count).SelectMany(i => parts[i])];
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

        IReadOnlyList<DumpRange> ranges = Bzip2Blocks.Ranges(dump, targetBytes, withIndex ? MultistreamIndex.Load(indexPath) : null);
        ranges[0].Start.Should().Be(0);
        ranges[^1].End.Should().Be(new FileInfo(dump).Length);
        ranges.Zip(ranges.Skip(1)).All(p => p.First.End == p.Second.Start).Should().BeTrue();
        if (targetBytes == 1)
        {
            ranges.Should().HaveCount(11, "the header stream, then one range per indexed stream (the last with the footer)");
        }

        List<Document> parallel = ReadParallel(dump, ranges, 4);
        parallel.Select(Summary).Should().Equal(sequential.Select(Summary));
        if (withIndex)
        {
            parallel.Select(d => d.Order).Should().Equal(sequential.Select(d => d.Order));
        }
        else
        {
            parallel.Select(d => d.Order).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadParallel_gives_the_documents_and_keys_of_a_sequential_read(bool withIndex)
    {
        using var temp = new TemporaryDirectory();
        (string dump, string indexPath) = Build(temp);
        if (!withIndex)
        {
            File.Delete(indexPath);
        }

        List<Document> sequential = WikiDumps.ReadFile(dump, index: 5);
        var input = new InputFile(5, dump, new FileInfo(dump).Length);
        List<Document> parallel = [.. new WikipediaDumpReader().ReadParallel(input, WikiDumps.Meta, threads: 3, rangeBytes: 30_000)];
        parallel.Select(Summary).Should().Equal(sequential.Select(Summary));
        parallel.Select(d => d.Order).Should().Equal(sequential.Select(d => d.Order));
        parallel.Select(d => d.Member).Should().Equal(sequential.Select(d => d.Member));
    }

    [Fact]
    public void ReadParallel_on_a_truncated_dump_fails_after_the_pages_a_sequential_read_gives()
    {
        using var temp = new TemporaryDirectory();
        (string dump, string indexPath) = Build(temp);
        MultistreamIndex index = MultistreamIndex.Load(indexPath);
        byte[] bytes = File.ReadAllBytes(dump);
        File.WriteAllBytes(dump, bytes[..(int)(index.StreamOffsets[6] + 5000)]);

        (List<Document> sequential, Exception? sequentialError) = WikiDumps.ReadUntilError(dump);
        sequentialError.Should().NotBeNull();
        var input = new InputFile(0, dump, new FileInfo(dump).Length);
        var parallel = new List<Document>();
        Action read = () =>
        {
            foreach (Document d in new WikipediaDumpReader().ReadParallel(input, WikiDumps.Meta, threads: 2, rangeBytes: 1, index: index))
            {
                parallel.Add(d);
            }
        };
        read.Should().Throw<Exception>().Which.Should().Match<Exception>(e => InputError.IsInputFailure(e));
        parallel.Count.Should().Be(sequential.Count);
        sequential.Should().HaveCount(600);
        parallel.Select(Summary).Should().Equal(sequential.Select(Summary));
    }

    [Fact]
    public void ReadParallel_of_a_single_stream_file_is_a_sequential_read()
    {
        string path = WikiDumps.Fixture("enwiki-minidump.xml.bz2");
        var input = new InputFile(0, path, new FileInfo(path).Length);
        new WikipediaDumpReader().ReadParallel(input, WikiDumps.Meta, threads: 4).Select(Summary)
            .Should().Equal(WikiDumps.ReadFile(path).Select(Summary));
    }

    [Fact]
    public void A_range_ending_inside_a_stream_fails()
    {
        using var temp = new TemporaryDirectory();
        (string dump, string indexPath) = Build(temp);
        MultistreamIndex index = MultistreamIndex.Load(indexPath);
        var input = new InputFile(0, dump, new FileInfo(dump).Length);
        var bad = new DumpRange(index.StreamOffsets[1], index.StreamOffsets[2] - 100, null);
        Func<int> read = () => new WikipediaDumpReader().ReadRange(input, bad, WikipediaDumpReader.ReadSiteInfo(dump), WikiDumps.Meta).Count();
        read.Should().Throw<InvalidDataException>().WithMessage("*range*");
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
