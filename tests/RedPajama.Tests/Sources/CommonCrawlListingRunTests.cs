using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources;

/// <summary>
/// <c>redpajama run commoncrawl --input wet.paths</c> on the local engine: entries downloaded from a server on
/// 127.0.0.1 (CommonCrawl's layout under <c>commoncrawl.url_root</c>) that drops connections give the output of the
/// same files read from a local mirror; failures are input errors of their file and the run goes on.
/// </summary>
public sealed class CommonCrawlListingRunTests
{
    private const string Segments = "crawl-data/CC-MAIN-2023-06/segments/1674764494826.88/wet/";
    private static readonly string[] Names = ["CC-MAIN-00002.warc.wet.gz", "CC-MAIN-00000.warc.wet.gz", "CC-MAIN-00001.warc.wet.gz"];

    [Fact]
    public async Task Entries_downloaded_over_connections_that_drop_give_the_output_of_a_local_mirror()
    {
        using var directory = new TemporaryDirectory();
        Dictionary<string, byte[]> files = WetFiles();
        string mirror = Mirror(directory, files);
        string listing = Listing(directory, [.. Names.Select(n => Segments + n)]);

        // Every file's first request is cut a third of the way in; the resume is a Range request.
        using var server = new FlakyHttpServer(files, r => r.RangeStart is null ? new FlakyReply(CutAfter: files[r.Path].Length / 3) : new FlakyReply());
        (int code, _, string stderr) = await Run(directory, "remote", server.Root, listing);
        (int mirrorCode, _, string mirrorErrors) = await Run(directory, "local", mirror, listing);

        code.Should().Be(ExitCodes.Success, stderr);
        mirrorCode.Should().Be(ExitCodes.Success, mirrorErrors);
        server.Requests.Where(r => r.RangeStart is not null).Should().HaveCount(3, "each file was resumed once");
        (Output(directory, "remote") == Output(directory, "local")).Should().BeTrue("the downloads give the mirror's output byte for byte");
        Output(directory, "remote").Should().Contain("\"cc_segment\": \"" + Segments + Names[0] + "\"");
        using JsonDocument stats = Stats(directory, "remote");
        stats.RootElement.GetProperty("input_files").GetInt32().Should().Be(3);
        stats.RootElement.GetProperty("input_bytes").GetInt64().Should().Be(files.Values.Sum(f => f.LongLength), "a URL's size counts once downloaded");
    }

    [Fact]
    public async Task A_missing_file_and_a_server_that_never_recovers_are_input_errors_and_the_records_before_the_failure_are_kept()
    {
        using var directory = new TemporaryDirectory();
        Dictionary<string, byte[]> files = WetFiles();
        string listing = Listing(directory, [Segments + "missing.warc.wet.gz", .. Names.Select(n => Segments + n)]);
        string broken = Segments + Names[1];
        int cut = files[broken].Length - 200;
        using var server = new FlakyHttpServer(files, r => r.Path != broken ? new FlakyReply() : r.RangeStart is null ? new FlakyReply(CutAfter: cut) : new FlakyReply(Status: 503));

        (int code, string stdout, string stderr) = await Run(directory, "remote", server.Root, listing);

        code.Should().Be(ExitCodes.InputErrors, stderr);
        stdout.Should().Contain("input errors: 2");
        using JsonDocument stats = Stats(directory, "remote");
        JsonElement root = stats.RootElement;
        var errors = root.GetProperty("input_errors").EnumerateArray().ToDictionary(e => e.GetProperty("path").GetString()!, e => (Error: e.GetProperty("error").GetString()!, Records: e.GetProperty("records_read").GetInt64()));
        errors.Should().HaveCount(2);
        errors[server.Root + Segments + "missing.warc.wet.gz"].Should().Match<(string Error, long Records)>(e => e.Error.Contains("404") && e.Records == 0);
        (string error, long records) = errors[server.Root + broken];
        error.Should().Contain("gave up after 3 failed attempts");
        records.Should().BePositive("the records completed before the failure are kept, as for a truncated gzip");
        long dropped = root.GetProperty("dropped").EnumerateObject().Sum(p => p.Value.GetInt64());
        root.GetProperty("read").GetInt64().Should().Be(root.GetProperty("written").GetInt64() + dropped);
        root.GetProperty("written").GetInt64().Should().BePositive("the other files were read whole");
    }

    [Fact]
    public async Task Shards_cut_the_listing_as_cc_net_does_and_together_read_it_once()
    {
        using var directory = new TemporaryDirectory();
        Dictionary<string, byte[]> files = WetFiles();
        string mirror = Mirror(directory, files);
        string listing = Listing(directory, [.. Names.Select(n => Segments + n)]);

        (int whole, _, _) = await Run(directory, "whole", mirror, listing);
        (int first, _, _) = await Run(directory, "shard0", mirror, listing, "--num-shards", "2", "--shard", "0");
        (int second, _, _) = await Run(directory, "shard1", mirror, listing, "--num-shards", "2", "--shard", "1");

        new[] { whole, first, second }.Should().OnlyContain(c => c == ExitCodes.Success);
        using JsonDocument shard0 = Stats(directory, "shard0");
        using JsonDocument shard1 = Stats(directory, "shard1");
        using JsonDocument all = Stats(directory, "whole");
        shard0.RootElement.GetProperty("input_files").GetInt32().Should().Be(1, "floor(0*3/2)=0 to floor(1*3/2)=1");
        shard1.RootElement.GetProperty("input_files").GetInt32().Should().Be(2);
        (shard0.RootElement.GetProperty("read").GetInt64() + shard1.RootElement.GetProperty("read").GetInt64()).Should().Be(all.RootElement.GetProperty("read").GetInt64());
        Output(directory, "shard0").Should().Contain(Names[0], "the listing's first entry, not the first by name").And.NotContain(Names[1]);
    }

    [Fact]
    public async Task Malformed_listing_lines_are_input_errors_with_their_line_and_the_other_entries_are_read()
    {
        using var directory = new TemporaryDirectory();
        string mirror = Mirror(directory, WetFiles());
        string listing = directory.Combine("wet.paths");
        File.WriteAllBytes(listing, [.. Encoding.UTF8.GetBytes(Segments + Names[0] + "\n../../etc/passwd\n"), 0xc3, 0x28, 0x0a, .. Encoding.UTF8.GetBytes(Segments + Names[2] + "\n")]);

        (int code, _, string stderr) = await Run(directory, "out", mirror, listing);

        code.Should().Be(ExitCodes.InputErrors, stderr);
        using JsonDocument stats = Stats(directory, "out");
        stats.RootElement.GetProperty("input_errors").EnumerateArray().Select(e => (e.GetProperty("path").GetString(), e.GetProperty("error").GetString()![..20]))
            .Should().Equal((listing + ":2", "entry '../../etc/pas"), (listing + ":3", "line is not valid UT"));
        stats.RootElement.GetProperty("input_files").GetInt32().Should().Be(2);
        stats.RootElement.GetProperty("written").GetInt64().Should().BePositive();
    }

    [Fact]
    public async Task A_truncated_listing_reads_nothing_and_says_why()
    {
        using var directory = new TemporaryDirectory();
        string listing = directory.Combine("wet.paths.gz");
        TruncatedGzip.Write(listing, [.. Enumerable.Range(0, 3000).Select(i => $"{Segments}CC-MAIN-{i:D5}.warc.wet.gz")], cut: 100);

        (int code, _, string stderr) = await CliRun.Invoke("run", "commoncrawl", "-i", listing, "-o", directory.Combine("out"));

        code.Should().Be(ExitCodes.Failed);
        stderr.Should().Contain("listing not read, none of its entries is used").And.Contain("no input files to read");
        Directory.Exists(directory.Combine("out")).Should().BeFalse();
    }

    [Theory]
    [InlineData(new[] { "--shard", "0" }, "--shard and --num-shards go together")]
    [InlineData(new[] { "--num-shards", "3", "--shard", "3" }, "--shard must be between 0 and 2 for --num-shards 3 (got 3)")]
    [InlineData(new[] { "--num-shards", "0", "--shard", "0" }, "--num-shards must be at least 1")]
    public async Task A_bad_shard_is_a_usage_error_that_says_why(string[] options, string message)
    {
        using var directory = new TemporaryDirectory();
        string listing = Listing(directory, [Segments + Names[0]]);

        (int code, _, string stderr) = await CliRun.Invoke(["run", "commoncrawl", "-i", listing, "-o", directory.Combine("out"), .. options]);

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain(message);
    }

    private static Dictionary<string, byte[]> WetFiles()
    {
        string sample = File.ReadAllText(TestData.Fixture("commoncrawl/ccnet-sample.warc.wet"));
        return new Dictionary<string, byte[]>
        {
            [Segments + Names[0]] = File.ReadAllBytes(TestData.Fixture("commoncrawl/whirlwind.warc.wet.gz")),
            [Segments + Names[1]] = Gzip(string.Concat(Enumerable.Repeat(sample, 40))),
            [Segments + Names[2]] = Gzip(sample),
        };
    }

    private static string Mirror(TemporaryDirectory directory, Dictionary<string, byte[]> files)
    {
        string mirror = directory.Combine("mirror");
        foreach ((string path, byte[] bytes) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(mirror, path))!);
            File.WriteAllBytes(Path.Combine(mirror, path), bytes);
        }

        return mirror;
    }

    private static string Listing(TemporaryDirectory directory, string[] entries)
    {
        string listing = directory.Combine("wet.paths.gz");
        File.WriteAllBytes(listing, Gzip(string.Concat(entries.Select(e => e + "\n"))));
        return listing;
    }

    private static Task<(int Code, string Stdout, string Stderr)> Run(TemporaryDirectory directory, string name, string root, string listing, params string[] options)
    {
        string config = directory.Combine(name + ".yaml");
        // Every record the reader completes reaches the output (no language, paragraph or digest filtering), with cc_segment.
        File.WriteAllText(config, $"commoncrawl:\n  url_root: {root}\n  download_attempts: 3\n  download_backoff_ms: 10\n  languages: [all]\n  paragraph_dedup: false\n  digest_dedup: false\n  metadata: ccnet\n");
        return CliRun.Invoke(["run", "commoncrawl", "-i", listing, "-o", directory.Combine(name), "--format", "jsonl", "--metadata", "ccnet", "--config", config, "--threads", "2", .. options]);
    }

    private static string Output(TemporaryDirectory directory, string name) =>
        string.Concat(Directory.GetFiles(directory.Combine(name), "part-*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText));

    private static JsonDocument Stats(TemporaryDirectory directory, string name) =>
        JsonDocument.Parse(File.ReadAllText(directory.Combine(name, "_stats.json")));

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
