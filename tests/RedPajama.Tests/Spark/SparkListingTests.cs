using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Configuration;
using RedPajama.Reading;
using RedPajama.Sources;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Spark;
using RedPajama.Spark.Plan;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Spark;

/// <summary>
/// A <c>wet.paths</c> listing on the Spark job: the driver turns it into one row per WET file of the shard, read
/// inside the executors by <see cref="DocumentUdf.FetchRows"/> (downloaded, resumed, parsed with the local reader),
/// never <c>binaryFile</c> over URLs; shards and order are the local resolver's.
/// </summary>
public sealed class SparkListingTests
{
    private const string Segments = "crawl-data/CC-MAIN-2023-06/segments/1674764494826.88/wet/";
    private static readonly string[] Entries = [.. new[] { 3, 0, 2, 1, 4 }.Select(i => $"{Segments}CC-MAIN-{i:D5}.warc.wet.gz")];

    [Fact]
    public void A_listing_becomes_one_fetch_row_per_wet_file_in_listing_order_and_no_binary_file_read_of_urls()
    {
        ListedInput listing = Listing("s3a://bucket/a/wet.paths.gz");
        ListedInput local = new("s3a://bucket/extra", false, [new ListedFile("s3a://bucket/extra/x.warc.wet.gz", 10), new ListedFile("s3a://bucket/extra/notes.txt", 3)]);

        InputResolution inputs = SparkJobPlan.SelectInputs(CommonCrawlSource.SourceName, [listing, local]);
        SparkJobPlan plan = SparkJobPlan.Describe(SourceCatalog.Describe(CommonCrawlSource.SourceName, new RunConfig()), keepAll: false, inputs.Files);

        FetchStage fetch = plan.Stages.OfType<FetchStage>().Should().ContainSingle().Subject;
        fetch.Udf.Should().Be(nameof(DocumentUdf.FetchRows));
        fetch.Inputs.Select(f => f.Path).Should().Equal(Entries.Select(e => ListingRoot.CommonCrawl + e), "one row per WET file, in the listing's order, not sorted");
        fetch.Inputs.Select(f => f.Index).Should().Equal(0, 1, 2, 3, 4);
        ReadStage read = plan.Stages.OfType<ReadStage>().Should().ContainSingle().Subject;
        read.Files.Should().Equal(["s3a://bucket/extra/x.warc.wet.gz"], "only the files the driver listed go through binaryFile");
        read.Indices.Should().Equal([5], "the directory sorts after the listing's path");
        plan.Stages.OfType<ReadStage>().SelectMany(r => r.Files).Should().NotContain(f => InputStreams.IsUrl(f));
        plan.Stages.TakeWhile(s => s is ReadStage or FetchStage).Should().HaveCount(2, "both reads come before the read is counted");
    }

    [Fact]
    public void A_shard_of_the_listing_is_the_local_resolvers_shard()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("wet.paths.gz");
        File.WriteAllBytes(path, Gzip(string.Concat(Entries.Select(e => e + "\n"))));
        var shard = new InputShard(1, 2);

        InputResolution spark = SparkJobPlan.SelectInputs(CommonCrawlSource.SourceName, [Listing(path)], shard);
        InputResolution local = InputResolver.Resolve([path], SourceCatalog.InputOptions(CommonCrawlSource.SourceName, new RunConfig(), shard));

        spark.Files.Should().Equal(local.Files);
        spark.Files.Select(f => f.Path).Should().Equal(Entries[2..].Select(e => ListingRoot.CommonCrawl + e), "floor(1*5/2)=2 to 5");
    }

    [Fact]
    public void A_listing_the_driver_could_not_read_is_an_input_problem_and_none_of_its_entries_is_read()
    {
        InputResolution inputs = SparkJobPlan.SelectInputs(CommonCrawlSource.SourceName, [new ListedInput("hdfs://n/wet.paths.gz", true, [], null, "listing not read, none of its entries is used: truncated")]);

        inputs.Files.Should().BeEmpty();
        inputs.Problems.Should().ContainSingle().Which.Path.Should().Be("hdfs://n/wet.paths.gz");
    }

    [Fact]
    public void The_fetch_udf_downloads_through_dropped_connections_and_gives_the_rows_of_the_binary_file_udf()
    {
        byte[] wet = File.ReadAllBytes(TestData.Fixture("commoncrawl/whirlwind.warc.wet.gz"));
        using var server = new FlakyHttpServer(new Dictionary<string, byte[]> { [Entries[0]] = wet }, r => r.RangeStart is null ? new FlakyReply(CutAfter: 1000) : new FlakyReply());
        var udf = new DocumentUdf(CommonCrawlSource.SourceName, "commoncrawl:\n  download_backoff_ms: 10\n");

        string[] fetched = udf.FetchRows(7, server.Root + Entries[0]);

        string[] stored = udf.FileRows(7, server.Root + Entries[0], wet);
        fetched.Should().Equal(stored).And.NotBeEmpty();
        server.Requests.Select(r => r.RangeStart).Should().Equal(null, 1000L);
    }

    [Fact]
    public void The_fetch_udf_turns_a_download_given_up_into_the_inputs_error_after_the_rows_read_before_it()
    {
        string sample = File.ReadAllText(TestData.Fixture("commoncrawl/ccnet-sample.warc.wet"));
        byte[] wet = Gzip(string.Concat(Enumerable.Repeat(sample, 40)));
        using var server = new FlakyHttpServer(new Dictionary<string, byte[]> { [Entries[0]] = wet }, r => r.RangeStart is null ? new FlakyReply(CutAfter: wet.Length - 200) : new FlakyReply(Status: 500));
        var udf = new DocumentUdf(CommonCrawlSource.SourceName, "commoncrawl:\n  download_attempts: 2\n  download_backoff_ms: 10\n");

        string[] fetched = udf.FetchRows(0, server.Root + Entries[0]);

        using JsonDocument last = JsonDocument.Parse(fetched[^1]);
        last.RootElement.GetProperty(SparkColumns.InputError).GetString().Should().Contain("gave up after 2 failed attempts");
        last.RootElement.GetProperty(SparkColumns.RecordsRead).GetInt64().Should().Be(fetched.Length - 1).And.BePositive();
    }

    [Fact]
    public void Shards_travel_from_the_cli_to_the_job_arguments_and_back()
    {
        var options = new RunCommandOptions("commoncrawl", ["s3a://b/wet.paths.gz"], "s3a://b/out", "spark", null, null, null, false, NumShards: 1600, Shard: 42);

        IReadOnlyList<string> arguments = SparkSubmitLauncher.JobArguments(options);
        SparkJobArguments parsed = SparkJobArguments.Parse(arguments);

        arguments.Should().ContainInConsecutiveOrder("--num-shards", "1600").And.ContainInConsecutiveOrder("--shard", "42");
        parsed.Shard.Should().Be(new InputShard(42, 1600));
        parsed.Inputs.Should().Equal("s3a://b/wet.paths.gz");
    }

    [Theory]
    [InlineData("--shard", "2")]
    [InlineData("--num-shards", "2", "--shard", "2")]
    [InlineData("--num-shards", "x", "--shard", "0")]
    public void A_bad_shard_is_refused_by_the_job_too(params string[] shard)
    {
        Action parse = () => SparkJobArguments.Parse(["run", "commoncrawl", "--input", "wet.paths.gz", "--output", "out", .. shard]);

        parse.Should().Throw<FormatException>().WithMessage("*-shard*");
    }

    private static ListedInput Listing(string argument)
    {
        byte[] bytes = argument.StartsWith('/') ? File.ReadAllBytes(argument) : Gzip(string.Concat(Entries.Select(e => e + "\n")));
        return new ListedInput(argument, true, [], InputListing.Parse(new MemoryStream(bytes), argument, new ListingRoot(ListingRoot.CommonCrawl)));
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
