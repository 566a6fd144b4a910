using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Reading;
using RedPajama.Sources.C4Clean;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources;

/// <summary>
/// Damaged WET input for c4-clean: where TFDS would stop a whole file (invalid UTF-8) or a line would fill memory, the
/// page is a counted skip and the rest of the file is read; a truncated gzip is an input error with its pages counted.
/// </summary>
public sealed class C4CleanInputTests
{
    private const string Config = "c4_clean:\n  language: all\n  dedup: none\n";

    private static readonly string[] Sentences =
    [
        "The harbour was busy from dawn, and the boats came in one after another with their catch.",
        "Traders met them on the quay and argued over the price of every basket they unloaded.",
        "By noon the market had emptied, and only the gulls were left to pick over what remained.",
    ];

    [Fact]
    public async Task Invalid_utf8_and_an_oversized_line_drop_their_page_and_the_rest_is_read()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("damaged.warc.wet");
        using (FileStream file = File.Create(input))
        {
            file.Write(Page("http://ok.example/1"));
            file.Write(Page("http://bad.example/utf8", [.. "A line with bad bytes "u8, 0xff, 0xfe, .. " in it, ending well."u8]));
            file.Write(Page("http://big.example/line", Encoding.UTF8.GetBytes(new string('x', 17 << 20) + ".")));
            file.Write(Page("http://ok.example/2"));
        }

        (int code, string stdout, string stderr) = await Run(directory, input);

        code.Should().Be(ExitCodes.Success, stderr);
        stdout.Should().Contain("read 4 documents").And.Contain("wrote 2");
        Dropped(directory).Should().BeEquivalentTo(new Dictionary<string, long> { [TfdsWetReader.InvalidUtf8] = 1, [ReadDropReasons.TooLarge] = 1 });
        stderr.Should().Contain("damaged.warc.wet record 1: invalid_utf8").And.Contain("record 2: too_large");
        HiveJsonl.Read(directory.Combine("out")).Select(r => r.GetProperty("url").GetString()).Should().Equal("http://ok.example/1", "http://ok.example/2");
    }

    [Fact]
    public async Task A_truncated_gzip_is_an_input_error_and_its_pages_are_counted()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("cut.warc.wet.gz");
        using (var gzip = new GZipStream(File.Create(input), CompressionLevel.Optimal))
        {
            for (int i = 0; i < 200; i++)
            {
                gzip.Write(Page($"http://page.example/{i}"));
            }
        }

        byte[] whole = File.ReadAllBytes(input);
        File.WriteAllBytes(input, whole[..(whole.Length / 2)]);

        (int code, _, string stderr) = await Run(directory, input);

        code.Should().Be(ExitCodes.InputErrors);
        stderr.Should().Contain("cut.warc.wet.gz");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        JsonElement root = stats.RootElement;
        long written = root.GetProperty("written").GetInt64();
        written.Should().BeInRange(1, 199, "the pages before the cut are written");
        root.GetProperty("read").GetInt64().Should().Be(written + root.GetProperty("dropped").EnumerateObject().Sum(r => r.Value.GetInt64()));
        root.GetProperty("dropped").GetProperty("truncated").GetInt64().Should().Be(1, "the page the file broke in is counted");
    }

    private static byte[] Page(string url, byte[]? extraLine = null)
    {
        var body = new List<byte>();
        foreach (string sentence in Sentences)
        {
            body.AddRange(Encoding.UTF8.GetBytes(sentence + "\n"));
        }

        if (extraLine is not null)
        {
            body.AddRange(extraLine);
            body.Add((byte)'\n');
        }

        string head = $"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2019-04-20T10:00:00Z\r\nContent-Type: text/plain\r\nContent-Length: {body.Count}\r\n\r\n";
        return [.. Encoding.UTF8.GetBytes(head), .. body, .. "\r\n\r\n"u8];
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(TemporaryDirectory directory, string input)
    {
        string config = directory.Combine("c4.yaml");
        File.WriteAllText(config, Config);
        return await CliRun.Invoke(["run", "c4-clean", "--input", input, "--output", directory.Combine("out"), "--format", "jsonl", "--config", config]);
    }

    private static Dictionary<string, long> Dropped(TemporaryDirectory directory)
    {
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        return stats.RootElement.GetProperty("dropped").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }
}
