using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources;

/// <summary>
/// The commoncrawl source's WET reader against what cc_net's own parser (RedPajama's fork, run by
/// <c>fixtures/commoncrawl/make_golden.py</c>) yields for the same real WET files.
/// </summary>
public sealed class CommonCrawlReaderTests
{
    private static readonly MetaSchema Meta = CommonCrawlMeta.Schema;

    [Theory]
    [InlineData("ccnet-sample.warc.wet", "ccnet-sample.warc.wet.ccnet.jsonl", 4)]
    [InlineData("whirlwind.warc.wet.gz", "whirlwind.warc.wet.ccnet.jsonl", 2)]
    public void Wet_records_come_out_as_cc_net_parses_them(string file, string golden, int records)
    {
        List<Document> documents = Read(TestData.Fixture(Path.Combine("commoncrawl", file)));

        documents.Should().HaveCount(records);
        documents.Select(d => d.Order.Record).Should().Equal(Enumerable.Range(0, records).Select(i => (long)i));
        documents[0].DropReason.Should().Be(WetDropReasons.NotConversion, "the warcinfo record cc_net skips is counted");
        List<Document> kept = [.. documents.Where(d => !d.IsDropped)];
        string[] expected = File.ReadAllLines(TestData.Fixture(Path.Combine("commoncrawl", golden)));
        kept.Should().HaveCount(expected.Length);
        for (int i = 0; i < kept.Count; i++)
        {
            ShouldMatch(kept[i], expected[i]);
        }
    }

    [Fact]
    public void A_truncated_wet_gz_keeps_the_complete_records_before_the_cut_and_fails()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("cut.warc.wet.gz");
        string[] sample = File.ReadAllLines(TestData.Fixture("commoncrawl/ccnet-sample.warc.wet"));
        TruncatedGzip.Write(path, [.. Enumerable.Repeat(sample, 40).SelectMany(l => l)], cut: 200);
        string[] expected = File.ReadAllLines(TestData.Fixture("commoncrawl/ccnet-sample.warc.wet.ccnet.jsonl"));
        var documents = new List<Document>();

        Action read = () =>
        {
            using FileStream content = File.OpenRead(path);
            foreach (Document document in new WetReader().Read(new InputFile(0, path, content.Length), content, Meta))
            {
                documents.Add(document);
            }
        };

        read.Should().Throw<Exception>();
        List<Document> kept = [.. documents.Where(d => !d.IsDropped)];
        kept.Should().NotBeEmpty().And.HaveCountLessThan(40 * 3, "the records after the cut are lost");
        for (int i = 0; i < kept.Count; i++)
        {
            ShouldMatch(kept[i], expected[i % 3], segment: "cut.warc.wet.gz");
        }
    }

    [Fact]
    public async Task A_truncated_wet_gz_is_an_input_error_of_the_run()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("cut.warc.wet.gz");
        string[] sample = File.ReadAllLines(TestData.Fixture("commoncrawl/ccnet-sample.warc.wet"));
        TruncatedGzip.Write(input, [.. Enumerable.Repeat(sample, 40).SelectMany(l => l)], cut: 200);

        (int code, string stdout, _) = await CliRun.Invoke("run", "commoncrawl", "-i", input, "-o", directory.Combine("out"), "--format", "jsonl");

        code.Should().Be(ExitCodes.InputErrors);
        stdout.Should().Contain("input errors: 1");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        JsonElement error = stats.RootElement.GetProperty("input_errors").EnumerateArray().Should().ContainSingle().Subject;
        error.GetProperty("path").GetString().Should().Be(input);
        error.GetProperty("records_read").GetInt64().Should().BePositive().And.Be(stats.RootElement.GetProperty("read").GetInt64());
    }

    [Theory]
    [InlineData("whirlwind.warc.wat.gz", 2)]
    [InlineData("warcio-example.warc.gz", 6)]
    public void Wat_and_warc_files_are_recognised_and_every_record_is_dropped_as_not_wet(string file, int records)
    {
        string path = TestData.Fixture(Path.Combine("commoncrawl", file));
        WetReader.Accepts(path).Should().BeFalse("a directory or glob of the source picks only WET files");

        List<Document> documents = Read(path);

        documents.Should().HaveCount(records).And.OnlyContain(d => d.DropReason == WetDropReasons.NotWet);
    }

    [Theory]
    [InlineData("a.warc.wet.gz", true)]
    [InlineData("A.WET", true)]
    [InlineData("a.warc.wet.zst", false)]
    [InlineData("a.warc.gz", false)]
    [InlineData("a.warc.wat.gz", false)]
    [InlineData("a.jsonl", false)]
    public void Only_wet_files_are_accepted(string path, bool accepted) => WetReader.Accepts(path).Should().Be(accepted);

    [Theory]
    [InlineData("/data/crawl-data/CC-MAIN-2023-06/segments/1/wet/x.warc.wet.gz", "crawl-data/CC-MAIN-2023-06/segments/1/wet/x.warc.wet.gz")]
    [InlineData("/data/x.warc.wet.gz", "x.warc.wet.gz")]
    [InlineData("/data/mycrawl-data/x.warc.wet.gz", "x.warc.wet.gz")]
    public void The_segment_is_the_path_from_crawl_data_on_or_the_file_name(string path, string segment) =>
        WetReader.SegmentOf(path).Should().Be(segment);

    [Theory]
    [InlineData("https://an.wikipedia.org/wiki/Escopete", "an.wikipedia.org")]
    [InlineData("http://user@host:8080?q#f", "user@host:8080")]
    [InlineData("HTTP://Host.example", "Host.example")]
    [InlineData("1http://host/x", "")]
    [InlineData("//host/x", "host")]
    [InlineData("mailto:someone@example.com", "")]
    public void The_source_domain_is_python_urlparse_netloc(string url, string netloc) => WetText.Netloc(url).Should().Be(netloc);

    [Fact]
    public void Headers_and_lines_are_read_with_python_white_space_and_universal_newlines()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("edge.wet");

        // A post-2020 record (length on line 9), CRLF line ends, a lone CR splitting a line, U+001F and U+00A0 stripped.
        File.WriteAllText(path, string.Join("\r\n",
            "WARC/1.0", "WARC-Type: conversion", "WARC-Target-URI: http://h.example/p", "WARC-Date: 2023-01-26T22:21:08Z",
            "WARC-Record-ID: <urn:uuid:1>", "WARC-Refers-To: <urn:uuid:2>", "WARC-Block-Digest: sha1:ABC",
            "WARC-Identified-Content-Language: eng", "Content-Type: text/plain", "Content-Length: 42", string.Empty,
            "\u00a0Title\u001f", "one\rtwo ", "three", string.Empty, string.Empty,
            "WARC/1.0", "WARC-Type: conversion", "WARC-Target-URI: http://h.example/q", string.Empty, "body", string.Empty));

        List<Document> documents = Read(path);

        documents.Should().HaveCount(2);
        Document first = documents[0];
        first.IsDropped.Should().BeFalse();
        first.Text.Should().Be("one\ntwo\nthree");
        Value(first, CommonCrawlMeta.Title).Should().Be("Title");
        Value(first, CommonCrawlMeta.Length).Should().Be(42L);
        Value(first, CommonCrawlMeta.Nlines).Should().Be(3L);
        documents[1].DropReason.Should().Be(WetDropReasons.BadHeader, "cc_net cannot read a date from a missing line");
    }

    [Fact]
    public async Task The_commoncrawl_source_runs_end_to_end_and_accounts_for_every_record()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");
        string[] inputs = [.. new[] { "ccnet-sample.warc.wet", "whirlwind.warc.wet.gz", "whirlwind.warc.wat.gz", "warcio-example.warc.gz" }
            .Select(f => TestData.Fixture(Path.Combine("commoncrawl", f)))];

        // Every language, so that the Chinese and Russian samples stay (RedPajama kept en only).
        string config = directory.Combine("all-languages.yaml");
        File.WriteAllText(config, "commoncrawl:\n  languages: [all]\n");

        (int code, string stdout, string stderr) = await CliRun.Invoke(["run", "commoncrawl", "--input", .. inputs, "--output", output, "--format", "jsonl", "--config", config]);

        code.Should().Be(ExitCodes.Success, stderr);

        // 4 + 2 WET records (2 warcinfo), 2 + 6 WAT/WARC records; one WET document is under 300 code points.
        stdout.Should().Contain("read 14 documents").And.Contain("wrote 3").And.Contain("dropped 11")
            .And.Contain("not_conversion 2").And.Contain("not_wet 8").And.Contain("too_short 1");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "_stats.json")));
        stats.RootElement.GetProperty("read").GetInt64().Should().Be(
            stats.RootElement.GetProperty("written").GetInt64()
            + stats.RootElement.GetProperty("dropped").EnumerateObject().Sum(reason => reason.Value.GetInt64()));
        string[] lines = File.ReadAllLines(Path.Combine(output, "part-00000.jsonl"));
        lines.Should().HaveCount(3).And.OnlyContain(l => l.StartsWith("{\"text\": ", StringComparison.Ordinal));
        string[] titles = [.. lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("meta").GetProperty("title").GetString()!)];
        titles.Should().Equal("Famous Mark Twain Quotes", "Цитаты знаменитого Марка Твена", "Escopete - Biquipedia, a enciclopedia libre");
    }

    private static List<Document> Read(string path)
    {
        using FileStream content = File.OpenRead(path);
        return [.. new WetReader().Read(new InputFile(0, path, content.Length), content, Meta)];
    }

    private static object? Value(Document document, string field) => document.Meta[Meta.Require(field)];

    private static void ShouldMatch(Document document, string goldenLine, string? segment = null)
    {
        using JsonDocument golden = JsonDocument.Parse(goldenLine);
        JsonElement root = golden.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal(
            "url", "date_download", "digest", "length", "nlines", "source_domain", "title", "raw_content", "cc_segment");
        document.Text.Should().Be(root.GetProperty("raw_content").GetString());
        foreach (MetaField field in Meta.Fields)
        {
            JsonElement value = root.GetProperty(field.Name);
            object? expected = field.Type == MetaType.Integer ? value.GetInt64() : value.GetString();
            if (field.Name == CommonCrawlMeta.CcSegment && segment is not null)
            {
                expected = segment;
            }

            Value(document, field.Name).Should().Be(expected, field.Name);
        }
    }
}
