using System.IO.Compression;
using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources;

/// <summary>
/// The c4 source against RedPajama's own <c>c4_reformat.py</c> (rp_v1, run by <c>fixtures/c4/make-golden.py</c>) on
/// real web text and JSON edge cases: every output line byte-identical.
/// </summary>
public sealed class C4SourceTests
{
    private const string Plain = "quality:\n  signals: false\ntokenizer:\n  token_count: false\n";

    [Fact]
    public async Task Every_line_is_byte_identical_to_c4_reformat_py()
    {
        using var directory = new TemporaryDirectory();
        string config = directory.Combine("plain.yaml");
        File.WriteAllText(config, Plain);

        (int code, string stdout, string stderr) = await CliRun.Invoke(["run", "c4", "--input", TestData.Fixture("c4/c4-train.00000-of-01024.json.gz"), "--output", directory.Combine("out"), "--format", "jsonl", "--config", config]);

        code.Should().Be(ExitCodes.Success, stderr);
        stdout.Should().Contain("read 21 documents").And.Contain("wrote 21");
        string[] expected = File.ReadAllText(TestData.Fixture("c4/c4-train.00000-of-01024.jsonl")).Split('\n');
        string[] actual = File.ReadAllText(directory.Combine("out", "c4-train.00000-of-01024.jsonl")).Split('\n');
        actual.Should().HaveCount(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            // A lone surrogate escape too: the local engine writes each c4 input while it reads it (no UTF-8 spill),
            // so it keeps the UTF-16 unit and escapes it again, as Python does.
            actual[i].Should().Be(expected[i], "line {0}", i + 1);
        }

        expected.Should().Contain(l => l.Contains("\\ud800", StringComparison.Ordinal), "the fixture holds the lone surrogate");
    }

    [Fact]
    public async Task Bad_lines_are_counted_skips_and_the_rest_is_written()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("c4-bad.json.gz");
        string good = "{\"text\": \"kept\", \"timestamp\": \"2019-04-25 10:00:00\", \"url\": \"https://ok.example/\"}";
        using (var gzip = new GZipStream(File.Create(input), CompressionLevel.Fastest))
        {
            byte[] invalidUtf8 = [.. "{\"text\": \"bad \""u8.ToArray()[..^1], 0xff, 0xfe, .. "\", \"timestamp\": \"t\", \"url\": \"u\"}\n"u8.ToArray()];
            gzip.Write(System.Text.Encoding.UTF8.GetBytes($"{good}\n{{\"text\": broken\n{{\"timestamp\": \"t\", \"url\": \"u\"}}\n"));
            gzip.Write(invalidUtf8);
            gzip.Write(System.Text.Encoding.UTF8.GetBytes($"{good}\n"));
        }

        // Then cut a second gzip member in half: the file is an input error with the lines before it kept.
        byte[] member;
        using (var buffer = new MemoryStream())
        {
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(good + "\n", 50))));
            }

            member = buffer.ToArray();
        }

        using (FileStream append = new(input, FileMode.Append))
        {
            append.Write(member.AsSpan(0, member.Length / 2));
        }

        (int code, _, string stderr) = await CliRun.Invoke(["run", "c4", "--input", input, "--output", directory.Combine("out"), "--format", "jsonl"]);

        code.Should().Be(ExitCodes.InputErrors);
        stderr.Should().Contain("c4-bad.json.gz").And.Contain("malformed_json");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        JsonElement root = stats.RootElement;
        root.GetProperty("read").GetInt64().Should().Be(root.GetProperty("written").GetInt64() + root.GetProperty("dropped").EnumerateObject().Sum(r => r.Value.GetInt64()));
        root.GetProperty("dropped").GetProperty(ReadDropReasons.MalformedJson).GetInt64().Should().Be(2, "broken JSON and invalid UTF-8 inside a string");
        root.GetProperty("dropped").GetProperty(ReadDropReasons.MissingText).GetInt64().Should().Be(1);
        root.GetProperty("input_errors").GetArrayLength().Should().Be(1);
        string[] written = File.ReadAllLines(directory.Combine("out", "c4-bad.jsonl"));
        written.Count(l => l.StartsWith("{\"text\": \"kept\"", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(2);
    }
}
