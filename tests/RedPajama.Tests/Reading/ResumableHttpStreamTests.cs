using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Reading;

/// <summary>
/// Downloads against a server on 127.0.0.1 that drops, stalls or refuses: the stream resumes with Range requests and
/// the reader gets the same records as from the local file, or an input error after the records it completed.
/// </summary>
public sealed class ResumableHttpStreamTests
{
    private const string Name = "whirlwind.warc.wet.gz";
    private static readonly byte[] Wet = File.ReadAllBytes(TestData.Fixture(Path.Combine("commoncrawl", Name)));
    private const string LongName = "long.warc.wet.gz";

    // The cc_net sample 40 times: decompressed it takes several of the reader's reads, so a cut leaves whole records before it.
    private static readonly byte[] LongWet = Gzip(string.Concat(Enumerable.Repeat(File.ReadAllText(TestData.Fixture("commoncrawl/ccnet-sample.warc.wet")), 40)));
    private static readonly HttpDownloadOptions Fast = new() { Attempts = 3, Backoff = TimeSpan.FromMilliseconds(10), Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public void Connections_dropped_mid_file_are_resumed_from_the_next_byte_and_the_records_equal_the_local_files()
    {
        using var server = new FlakyHttpServer(Files(), r => r.Number switch
        {
            0 => new FlakyReply(CutAfter: 700),
            1 => new FlakyReply(CutAfter: 800),
            _ => new FlakyReply(),
        });

        List<Document> downloaded = ReadWet(server.Root + Name, Fast, out Exception? failure);

        failure.Should().BeNull();
        server.Requests.Select(r => r.RangeStart).Should().Equal(null, 700L, 1500L);
        Describe(downloaded).Should().Equal(Describe(ReadWet(TestData.Fixture(Path.Combine("commoncrawl", Name)), Fast, out _)));
        downloaded.Should().Contain(d => !d.IsDropped, "the file has records cc_net keeps");
    }

    [Fact]
    public void A_server_that_ignores_range_sends_the_whole_file_again_and_the_bytes_already_read_are_skipped()
    {
        using var server = new FlakyHttpServer(Files(), r => r.Number == 0 ? new FlakyReply(CutAfter: 1000) : new FlakyReply(HonourRange: false));
        using var stream = new ResumableHttpStream(new Uri(server.Root + Name), Fast);
        using var copy = new MemoryStream();

        stream.CopyTo(copy);

        copy.ToArray().Should().Equal(Wet);
        stream.Retries.Should().Be(1);
        server.Requests.Select(r => r.RangeStart).Should().Equal(null, 1000L);
    }

    [Fact]
    public void Server_errors_are_retried_with_backoff()
    {
        using var server = new FlakyHttpServer(Files(), r => r.Number < 2 ? new FlakyReply(Status: 503) : new FlakyReply());
        using var stream = new ResumableHttpStream(new Uri(server.Root + Name), Fast);
        using var copy = new MemoryStream();

        stream.CopyTo(copy);

        copy.ToArray().Should().Equal(Wet);
        server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public void A_stalled_connection_times_out_and_is_resumed()
    {
        using var server = new FlakyHttpServer(Files(), r => r.Number == 0 ? new FlakyReply(StallAfter: 1200) : new FlakyReply());
        using var stream = new ResumableHttpStream(new Uri(server.Root + Name), Fast with { Timeout = TimeSpan.FromMilliseconds(500) });
        using var copy = new MemoryStream();

        stream.CopyTo(copy);

        copy.ToArray().Should().Equal(Wet);
        server.Requests.Select(r => r.RangeStart).Should().Equal(null, 1200L);
    }

    [Fact]
    public void Cancelling_stops_a_read_blocked_on_a_silent_server_without_waiting_out_the_timeout()
    {
        using var server = new FlakyHttpServer(Files(), _ => new FlakyReply(StallAfter: 1000));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        using var stream = new ResumableHttpStream(new Uri(server.Root + Name), Fast with { Timeout = TimeSpan.FromSeconds(60) }, cancel.Token);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Action read = () => stream.CopyTo(Stream.Null);

        read.Should().Throw<OperationCanceledException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the 60 s read timeout is not waited out");
    }

    [Fact]
    public void A_missing_file_fails_at_once_without_retries()
    {
        using var server = new FlakyHttpServer(Files(), _ => new FlakyReply());
        using var stream = new ResumableHttpStream(new Uri(server.Root + "missing.warc.wet.gz"), Fast);

        Action read = () => stream.ReadByte();

        read.Should().Throw<DownloadFailedException>().WithMessage("*404*");
        server.Requests.Should().HaveCount(1, "a 404 is not retried");
    }

    [Fact]
    public void A_server_that_never_recovers_fails_after_the_attempts_and_the_records_before_stay_read()
    {
        int cut = LongWet.Length - 200;
        using var server = new FlakyHttpServer(Files(), r => r.Number == 0 ? new FlakyReply(CutAfter: cut) : new FlakyReply(Status: 503));

        List<Document> downloaded = ReadWet(server.Root + LongName, Fast, out Exception? failure);

        failure.Should().BeOfType<DownloadFailedException>().Which.Message.Should().Contain("gave up after 3 failed attempts").And.Contain($"at byte {cut} of {LongWet.Length}");
        server.Requests.Should().HaveCount(3, "the request cut after 2000 bytes is the first of three failed attempts in a row; no byte came after it");
        using var directory = new TemporaryDirectory();
        File.WriteAllBytes(directory.Combine(LongName), LongWet);
        List<Document> local = ReadWet(directory.Combine(LongName), Fast, out _);
        downloaded.Should().HaveCountGreaterThan(1).And.HaveCountLessThan(local.Count);
        Describe(downloaded[..^1]).Should().Equal(Describe(local).Take(downloaded.Count - 1), "the records completed before the failure are the file's");
        downloaded[^1].DropReason.Should().Be(WetDropReasons.Truncated, "the record being read when the download broke off is counted, not lost, as for a truncated gzip");
    }

    private static Dictionary<string, byte[]> Files() => new() { [Name] = Wet, [LongName] = LongWet };

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static List<Document> ReadWet(string location, HttpDownloadOptions options, out Exception? failure)
    {
        var documents = new List<Document>();
        failure = null;
        // As the engines open an input: a download given up part way ends the stream first, then fails.
        using Stream content = InputStreams.OpenInput(location, options);
        try
        {
            foreach (Document document in new WetReader().Read(new InputFile(0, location, 0), content, CommonCrawlMeta.Schema))
            {
                documents.Add(document);
            }
        }
        catch (Exception exception) when (exception is IOException or ICSharpCode.SharpZipLib.SharpZipBaseException)
        {
            failure = exception;
        }

        failure = InputStreams.FailureOf(content) ?? failure;
        return documents;
    }

    private static IEnumerable<string> Describe(IEnumerable<Document> documents) =>
        documents.Select(d => $"{d.Order} {d.DropReason} {d.Text} {string.Join('|', d.Meta)}");
}
