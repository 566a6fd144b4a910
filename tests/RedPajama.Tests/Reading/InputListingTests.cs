using System.IO.Compression;
using System.Text;
using RedPajama.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Reading;

/// <summary>CommonCrawl's <c>wet.paths</c> listings: entries resolved against a root, in listing order, bad lines counted.</summary>
public sealed class InputListingTests
{
    private const string First = "crawl-data/CC-MAIN-2023-06/segments/1674764494826.88/wet/CC-MAIN-20230126210844-20230127000844-00001.warc.wet.gz";
    private const string Second = "crawl-data/CC-MAIN-2023-06/segments/1674764494826.88/wet/CC-MAIN-20230126210844-20230127000844-00000.warc.wet.gz";

    [Theory]
    [InlineData("wet.paths", true)]
    [InlineData("https://data.commoncrawl.org/crawl-data/CC-MAIN-2023-06/wet.paths.gz", true)]
    [InlineData("/data/WET.PATHS.GZ", true)]
    [InlineData("x.warc.wet.gz", false)]
    [InlineData("paths.txt", false)]
    public void A_listing_is_a_file_named_paths_optionally_compressed(string path, bool listing) =>
        InputListing.IsListing(path).Should().Be(listing);

    [Fact]
    public void Relative_entries_resolve_against_commoncrawls_https_root_in_listing_order_and_blank_lines_are_skipped()
    {
        using var directory = new TemporaryDirectory();
        string listing = WriteGzip(directory.Combine("wet.paths.gz"), $"{First}\n\n  {Second}  \r\n\n");

        IReadOnlyList<ListingEntry> entries = InputListing.Read(listing, new ListingRoot(ListingRoot.CommonCrawl));

        entries.Select(e => e.Path).Should().Equal("https://data.commoncrawl.org/" + First, "https://data.commoncrawl.org/" + Second);
        entries.Select(e => e.Line).Should().Equal(1L, 3L);
        entries.Should().OnlyContain(e => e.Error == null);
    }

    [Fact]
    public void A_local_root_serves_a_mirrored_dump_and_refuses_entries_that_climb_out_of_it()
    {
        using var directory = new TemporaryDirectory();
        string root = directory.Combine("mirror");
        var listingRoot = new ListingRoot(root);

        listingRoot.Resolve(1, First).Should().Be(new ListingEntry(1, Path.Combine(root, First), null));
        listingRoot.Resolve(2, "/elsewhere/x.warc.wet.gz").Path.Should().Be("/elsewhere/x.warc.wet.gz", "an absolute path is taken as it is");
        listingRoot.Resolve(3, "https://example.org/x.warc.wet.gz").Path.Should().Be("https://example.org/x.warc.wet.gz");
        listingRoot.Resolve(4, "../secret/x.warc.wet.gz").Error.Should().Contain("climbs out of the listing root");
        listingRoot.Resolve(5, "crawl-data/../../x.warc.wet.gz").Error.Should().Contain("climbs out");
        listingRoot.Resolve(6, "s3://commoncrawl/x.warc.wet.gz").Error.Should().Contain("scheme 's3:'");
        listingRoot.Resolve(7, "a b.warc.wet.gz").Error.Should().Contain("white space");
        new ListingRoot(ListingRoot.CommonCrawl).Resolve(8, "../x.warc.wet.gz").Error.Should().Contain("climbs out", "a URL root is no different");
    }

    [Fact]
    public void A_line_that_is_not_utf8_is_an_entry_with_an_error_so_it_keeps_its_place()
    {
        using var directory = new TemporaryDirectory();
        string listing = directory.Combine("wet.paths");
        File.WriteAllBytes(listing, [.. Encoding.ASCII.GetBytes(First + "\n"), 0x63, 0xff, 0xfe, 0x0a, .. Encoding.ASCII.GetBytes(Second + "\n")]);

        IReadOnlyList<ListingEntry> entries = InputListing.Read(listing, new ListingRoot(ListingRoot.CommonCrawl));

        entries.Should().HaveCount(3);
        entries[1].Should().Be(new ListingEntry(2, null, "line is not valid UTF-8"));
        entries[2].Path.Should().EndWith(Second);
    }

    [Fact]
    public void A_truncated_listing_is_refused_whole_since_its_length_decides_every_shard()
    {
        using var directory = new TemporaryDirectory();
        string listing = directory.Combine("wet.paths.gz");
        TruncatedGzip.Write(listing, [.. Enumerable.Range(0, 2000).Select(i => $"crawl-data/CC-MAIN-2023-06/segments/x/wet/{i:D5}.warc.wet.gz")], cut: 100);

        Action read = () => InputListing.Read(listing, new ListingRoot(ListingRoot.CommonCrawl));

        read.Should().Throw<IOException>().WithMessage("*could not be read to its end*");
        InputResolution resolved = InputResolver.Resolve([listing], new InputResolverOptions { ListingRoot = new ListingRoot(ListingRoot.CommonCrawl) });
        resolved.Files.Should().BeEmpty();
        resolved.Problems.Should().ContainSingle().Which.Error.Should().StartWith("listing not read, none of its entries is used");
    }

    [Fact]
    public void Without_a_listing_root_a_paths_file_is_an_input_like_any_other()
    {
        using var directory = new TemporaryDirectory();
        string listing = WriteGzip(directory.Combine("wet.paths.gz"), First + "\n");

        InputResolver.Resolve([listing]).Files.Should().ContainSingle().Which.Path.Should().Be(listing);
    }

    [Fact]
    public void A_listing_sorts_at_its_own_path_and_its_entries_keep_their_order_and_number_the_inputs()
    {
        using var directory = new TemporaryDirectory();
        string mirror = directory.Combine("mirror");
        string listing = directory.Combine("b", "wet.paths");
        Directory.CreateDirectory(directory.Combine("b"));
        File.WriteAllText(listing, "z.warc.wet.gz\n../out.warc.wet.gz\na.warc.wet.gz\n");
        string before = directory.Combine("a.warc.wet");
        string after = directory.Combine("c.warc.wet");
        File.WriteAllText(before, string.Empty);
        File.WriteAllText(after, string.Empty);

        InputResolution resolved = InputResolver.Resolve([after, listing, before], new InputResolverOptions { ListingRoot = new ListingRoot(mirror) });

        resolved.Files.Select(f => (f.Index, f.Path, f.Listed)).Should().Equal(
            (0, before, false), (1, Path.Combine(mirror, "z.warc.wet.gz"), true), (2, Path.Combine(mirror, "a.warc.wet.gz"), true), (3, after, false));
        resolved.Problems.Should().ContainSingle().Which.Path.Should().Be(listing + ":2");
    }

    private static string WriteGzip(string path, string text)
    {
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return path;
    }
}
