using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources;

/// <summary>
/// The CommonCrawl recipe's own steps on constructed WET shards: RedPajama's digest dedup (dedup_phase2.py: the first URL
/// per digest goes into a kept-URL set, and a document is kept iff its URL is in it), cc_net's finalize_doc fields, the
/// discarded tail bucket.
/// </summary>
public sealed class CommonCrawlPipelineTests
{
    // English text long enough for min_length and lid.176 (Mark Twain, from cc_net's sample WET).
    private static readonly string[] Quotes =
    [
        "Don't part with your illusions. When they are gone you may still exist, but you have ceased to live.",
        "Education: that which reveals to the wise, and conceals from the stupid, the vast limits of their knowledge.",
        "Facts are stubborn things, but statistics are more pliable.",
        "Fiction is obliged to stick to possibilities. Truth isn't.",
    ];

    [Fact]
    public async Task Digest_dedup_keeps_a_document_iff_its_url_was_the_first_of_some_digest()
    {
        using var directory = new TemporaryDirectory();
        string shards = directory.Combine("shards");
        Directory.CreateDirectory(shards);
        WetFile.Write(Path.Combine(shards, "a.warc.wet"),
            new WetFile.Record("http://first.example/x", "sha1:XXXX", "A", Quotes),
            new WetFile.Record("http://recrawled.example/", "sha1:YYYY", "C", Quotes),
            new WetFile.Record("http://other.example/z", "sha1:ZZZZ", "E", Quotes));
        WetFile.Write(Path.Combine(shards, "b.warc.wet"),
            new WetFile.Record("http://copy.example/x", "sha1:XXXX", "B", Quotes),
            new WetFile.Record("http://recrawled.example/", "sha1:YYYY", "D", Quotes),
            new WetFile.Record("http://other.example/z", "sha1:XXXX", "F", Quotes),
            new WetFile.Record("http://late.example/", "sha1:ZZZZ", "G", Quotes));
        string config = directory.Combine("config.yaml");
        File.WriteAllText(config, "commoncrawl:\n  paragraph_dedup: false\n");

        (int code, _, string stderr) = await CliRun.Invoke(["run", "commoncrawl", "--input", shards, "--output", directory.Combine("out"), "--format", "jsonl", "--metadata", "ccnet", "--config", config]);

        code.Should().Be(ExitCodes.Success, stderr);
        List<JsonElement> written = ReadOutput(directory.Combine("out"));
        // B loses digest X to A; D repeats C's URL and digest, a re-crawl upstream keeps; F loses X too, but its URL won Z
        // with E; G loses Z and its URL won nothing.
        written.Select(d => d.GetProperty("title").GetString()).Should().Equal("A", "C", "E", "D", "F");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        stats.RootElement.GetProperty("dropped").GetProperty(KeptUrlStep.Reason).GetInt64().Should().Be(2);
    }

    [Fact]
    public async Task Paragraph_dedup_sets_cc_net_finalize_doc_fields()
    {
        using var directory = new TemporaryDirectory();
        string shard = WetFile.Write(directory.Combine("s.warc.wet"),
            new WetFile.Record("http://a.example/", "sha1:AAAA", "A", [Quotes[0], "Cookie policy: we use cookies.", Quotes[1], Quotes[1], Quotes[2], Quotes[3]]),
            new WetFile.Record("http://b.example/", "sha1:BBBB", "B", ["COOKIE POLICY; we use cookies", .. Quotes.Select(q => q + " Indeed, it is so."), "Said twice.", "Said twice."]));

        (int code, _, string stderr) = await CliRun.Invoke(["run", "commoncrawl", "--input", shard, "--output", directory.Combine("out"), "--format", "jsonl", "--metadata", "ccnet"]);

        code.Should().Be(ExitCodes.Success, stderr);
        List<JsonElement> written = ReadOutput(directory.Combine("out"));
        written.Should().HaveCount(2);
        JsonElement a = written[0];
        // "Cookie policy: we use cookies." normalises like B's first line (lower case; ':' and ';' are kept, so not quite):
        // only the in-document repeat of Quotes[1] goes from A.
        a.GetProperty("line_ids").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(0, 1, 2, 4, 5);
        a.GetProperty("original_nlines").GetInt64().Should().Be(6);
        a.GetProperty("nlines").GetInt64().Should().Be(5);
        string text = written[0].GetProperty("text").GetString()!;
        a.GetProperty("length").GetInt64().Should().Be(text.Length, "finalize_doc sets length to the kept code points");
        a.GetProperty("original_length").GetInt64().Should().Be(
            System.Text.Encoding.UTF8.GetByteCount(string.Join("\n", ["A", Quotes[0], "Cookie policy: we use cookies.", Quotes[1], Quotes[1], Quotes[2], Quotes[3]])),
            "the original length is the WET Content-Length, in bytes");
        JsonElement b = written[1];
        b.GetProperty("line_ids").EnumerateArray().Select(e => e.GetInt64()).Should().Equal(0, 1, 2, 3, 4, 5);
    }

    [Fact]
    public void A_line_shared_by_two_documents_goes_from_both_and_shifts_line_ids()
    {
        MetaSchema meta = new CommonCrawlSource().Describe(new Configuration.RunConfig()).Meta;
        var step = new Steps.CcnetLineDedupStep(meta, perInput: false);
        Document document = new(new OrderKey(0, 0), meta.Count) { Text = "kept one\nshared\nkept two\nkept one" };
        document.Meta[meta.IndexOf(CommonCrawlMeta.Nlines)] = 4L;
        document.Meta[meta.IndexOf(CommonCrawlMeta.Length)] = 999L;
        var keys = new GroupKeys();
        step.EmitKeys(document, keys);
        int shared = Enumerable.Range(0, keys.Count).Single(e => keys.Key(e) == new UInt128(0, RedPajama.Udfs.Dedup.CcnetLineHash.Of("shared")));

        step.Apply(document, [new GroupEdit(shared, ReadOnlyMemory<byte>.Empty)]);

        document.Text.Should().Be("kept one\nkept two");
        document.Meta[meta.IndexOf(CommonCrawlMeta.LineIds)].Should().BeEquivalentTo(new long[] { 0, 2 }, o => o.WithStrictOrdering());
        document.Meta[meta.IndexOf(CommonCrawlMeta.OriginalNlines)].Should().Be(4L);
        document.Meta[meta.IndexOf(CommonCrawlMeta.OriginalLength)].Should().Be(999L);
        document.Meta[meta.IndexOf(CommonCrawlMeta.Nlines)].Should().Be(2L);
        document.Meta[meta.IndexOf(CommonCrawlMeta.Length)].Should().Be(17L);
    }

    [Theory]
    [InlineData("head", false)]
    [InlineData("middle", false)]
    [InlineData("all", false)]
    [InlineData("tail", true)]
    [InlineData(null, true)]
    public void The_tail_bucket_is_discarded_as_redpajama_read_only_head_and_middle(string? bucket, bool dropped)
    {
        MetaSchema meta = new CommonCrawlSource().Describe(new Configuration.RunConfig()).Meta;
        var step = new KeepBucketStep(meta, new CommonCrawlConfig().KeepBuckets);
        Document document = new(new OrderKey(0, 0), meta.Count) { Text = "x" };
        document.Meta[meta.IndexOf(RedPajama.LanguageModel.PerplexityStep.BucketField)] = bucket;

        step.Apply(document);

        document.IsDropped.Should().Be(dropped);
        if (dropped)
        {
            document.DropReason.Should().Be(KeepBucketStep.Reason);
        }
    }

    [Fact]
    public async Task Enabling_a_global_ccnet_section_with_the_commoncrawl_source_is_a_usage_error()
    {
        using var directory = new TemporaryDirectory();
        string shard = WetFile.Write(directory.Combine("s.warc.wet"), new WetFile.Record("http://a.example/", "sha1:AAAA", "A", Quotes));
        string config = directory.Combine("config.yaml");
        File.WriteAllText(config, "lid:\n  enabled: true\n");

        (int code, _, string stderr) = await CliRun.Invoke(["run", "commoncrawl", "--input", shard, "--output", directory.Combine("out"), "--config", config]);

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain("lid.enabled").And.Contain("commoncrawl");
    }

    [Fact]
    public async Task Bad_wet_input_is_skipped_with_reasons_and_every_record_is_accounted_for()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Combine("bad.warc.wet.gz");
        string good = string.Join("\n", ["English page", .. Quotes]);
        string Record(string headers, string body) => $"WARC/1.0\r\n{headers}Content-Type: text/plain\r\nContent-Length: 42\r\n\r\n{body}\r\n\r\n\r\n";
        string Conversion(string url) => $"WARC-Type: conversion\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2019-03-18T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Refers-To: <urn:uuid:2>\r\nWARC-Block-Digest: sha1:{url.Length}\r\n";
        using (FileStream file = File.Create(path))
        {
            using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                Write(gzip, Record(Conversion("http://a.example/"), good));
                // Binary junk between records: cc_net reads it as more lines of the record before.
                gzip.Write([0x00, 0xff, 0xfe, 0x0a, 0x80, 0x81, 0x0a, 0x1b, 0x5b, 0x0a]);
                // No WARC-Type: cc_net reads the type from header line 1 by position.
                Write(gzip, Record("WARC-Target-URI: http://no-type.example/\r\nWARC-Date: 2019-03-18T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:3>\r\nWARC-Refers-To: <urn:uuid:4>\r\nWARC-Block-Digest: sha1:X\r\nX: y\r\n", good));
                // A Content-Length that lies (42) and invalid UTF-8 in the body.
                Write(gzip, Record(Conversion("http://utf8.example/"), good + "\nbroken \udc80 byte"));
                gzip.Write(System.Text.Encoding.ASCII.GetBytes("\r\n"));
                // A 100 MB line.
                Write(gzip, $"WARC/1.0\r\n{Conversion("http://huge.example/")}Content-Type: text/plain\r\nContent-Length: 104857600\r\n\r\ntitle\n");
                byte[] line = new byte[1 << 20];
                Array.Fill(line, (byte)'a');
                for (int i = 0; i < 100; i++)
                {
                    gzip.Write(line);
                }

                Write(gzip, "\r\n\r\n\r\n");
                Write(gzip, Record(Conversion("http://b.example/"), string.Join("\n", ["Another English page", .. Quotes.Select(q => q + " Really.")])));
            }

            // A second gzip member, cut in the middle (CommonCrawl ships one member per record).
            using var member = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(member, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                Write(gzip, Record(Conversion("http://cut.example/"), good + " Cut."));
            }

            file.Write(member.ToArray().AsSpan(0, (int)member.Length / 2));
        }

        string config = directory.Combine("config.yaml");
        File.WriteAllText(config, "commoncrawl:\n  paragraph_dedup: false\n  digest_dedup: false\n");

        (int code, string stdout, string stderr) = await CliRun.Invoke(["run", "commoncrawl", "--input", path, "--output", directory.Combine("out"), "--format", "jsonl", "--metadata", "ccnet", "--config", config]);

        code.Should().Be(ExitCodes.InputErrors, "the truncated member is an input error; the run goes on");
        stderr.Should().Contain("bad.warc.wet.gz");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        JsonElement root = stats.RootElement;
        root.GetProperty("read").GetInt64().Should().Be(root.GetProperty("written").GetInt64() + root.GetProperty("dropped").EnumerateObject().Sum(r => r.Value.GetInt64()));
        root.GetProperty("dropped").GetProperty(WetDropReasons.NotConversion).GetInt64().Should().Be(1, "the record without WARC-Type");
        root.GetProperty("dropped").GetProperty(WetDropReasons.TooLarge).GetInt64().Should().Be(1, "the 100 MB line");
        List<JsonElement> written = ReadOutput(directory.Combine("out"));
        // The record being read when the member broke off cannot be known complete: counted as truncated, not written;
        // the complete first member is read to its end (b.example), as zlib inflates it.
        root.GetProperty("dropped").GetProperty(WetDropReasons.Truncated).GetInt64().Should().Be(1);
        written.Select(d => d.GetProperty("url").GetString()).Should().Equal("http://a.example/", "http://utf8.example/", "http://b.example/");
        written[1].GetProperty("text").GetString().Should().Contain("broken \ufffd byte");
        written[1].GetProperty("length").GetInt64().Should().Be(42, "cc_net takes Content-Length as it is");
        stdout.Should().Contain("read 6 documents").And.Contain("wrote 3");
    }

    private static void Write(Stream stream, string text) => stream.Write(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_language_without_a_model_gets_bucket_all_with_one_warning()
    {
        using var directory = new TemporaryDirectory();
        string shard = WetFile.Write(directory.Combine("s.warc.wet"), new WetFile.Record("http://a.example/", "sha1:AAAA", "A", Quotes));
        string lmDir = TestData.Fixture("ccnet-mine/lm/probing");

        (int code, _, string stderr) = await CliRun.Invoke(["run", "commoncrawl", "--input", shard, "--output", directory.Combine("out"), "--format", "jsonl", "--metadata", "ccnet", "--languages", "en,de", "--lm-dir", lmDir]);

        code.Should().Be(ExitCodes.Success, stderr);
        stderr.Split('\n').Where(l => l.Contains("de.sp.model", StringComparison.Ordinal)).Should().ContainSingle("one warning for the language, not one per document");
        stderr.Should().NotContain("en.sp.model");
        JsonElement written = ReadOutput(directory.Combine("out")).Single();
        written.GetProperty("language").GetString().Should().Be("en");
        written.GetProperty("bucket").GetString().Should().NotBe("all", "en has a model");
        written.TryGetProperty("perplexity", out _).Should().BeTrue();
    }

    private static List<JsonElement> ReadOutput(string output) => HiveJsonl.Read(output);
}
