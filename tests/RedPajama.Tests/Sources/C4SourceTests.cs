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
        stdout.Should().Contain("read 21 documents").And.Contain("wrote 20");

        // The fixture's last record has "text" twice: json.loads keeps the last, this source skips it (issue 18).
        stderr.Should().Contain("c4-train.00000-of-01024.json.gz line 21: duplicate_key");
        string[] expected = [.. File.ReadAllText(TestData.Fixture("c4/c4-train.00000-of-01024.jsonl")).Split('\n').Where(l => !l.Contains("duplicate key: the last wins", StringComparison.Ordinal))];
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

        // Line 6 onwards: 50 good lines in a second member, of which the second half is cut off.

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
        stderr.Should().Contain("c4-bad.json.gz line 2: malformed_json").And.Contain("c4-bad.json.gz line 3: missing_text")
            .And.Contain("c4-bad.json.gz line 4: malformed_json").And.MatchRegex(@"c4-bad.json.gz: .*after line [0-9]+");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        JsonElement root = stats.RootElement;
        root.GetProperty("read").GetInt64().Should().Be(root.GetProperty("written").GetInt64() + root.GetProperty("dropped").EnumerateObject().Sum(r => r.Value.GetInt64()));
        root.GetProperty("dropped").GetProperty(ReadDropReasons.MalformedJson).GetInt64().Should().Be(2, "broken JSON and invalid UTF-8 inside a string");
        root.GetProperty("dropped").GetProperty(ReadDropReasons.MissingText).GetInt64().Should().Be(1);
        root.GetProperty("input_errors").GetArrayLength().Should().Be(1);
        string[] written = File.ReadAllLines(directory.Combine("out", "c4-bad.jsonl"));
        written.Count(l => l.StartsWith("{\"text\": \"kept\"", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_100_MB_line_and_a_duplicate_key_are_counted_skips_and_the_rest_of_the_file_is_read()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("c4-train.00007-of-01024.json.gz");
        string Good(int i) => $"{{\"text\": \"page {i}\", \"timestamp\": \"2019-04-25 10:00:00\", \"url\": \"https://ok.example/{i}\"}}\n";
        using (var gzip = new GZipStream(File.Create(input), CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(Good(1)));
            gzip.Write("{\"text\": \""u8);
            byte[] chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'a');
            for (int i = 0; i < 100; i++)
            {
                gzip.Write(chunk);
            }

            gzip.Write("\", \"timestamp\": \"t\", \"url\": \"u\"}\n"u8);
            gzip.Write("{\"text\": \"first\", \"timestamp\": \"t\", \"url\": \"u\", \"text\": \"second\"}\n"u8);
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(Good(4)));
        }

        (int code, string stdout, string stderr) = await CliRun.Invoke(["run", "c4", "--input", input, "--output", directory.Combine("out"), "--format", "jsonl", "--config", WritePlain(directory)]);

        code.Should().Be(ExitCodes.Success, stderr);
        stderr.Should().Contain("c4-train.00007-of-01024.json.gz line 2: too_large").And.Contain("c4-train.00007-of-01024.json.gz line 3: duplicate_key");
        stdout.Should().Contain("read 4 documents").And.Contain("wrote 2");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        JsonElement dropped = stats.RootElement.GetProperty("dropped");
        dropped.GetProperty(ReadDropReasons.TooLarge).GetInt64().Should().Be(1);
        dropped.GetProperty(ReadDropReasons.DuplicateKey).GetInt64().Should().Be(1);
        File.ReadAllLines(directory.Combine("out", "c4-train.00007-of-01024.jsonl")).Select(l => l[..17]).Should().Equal("{\"text\": \"page 1\"", "{\"text\": \"page 4\"");
    }

    [Theory]
    [InlineData("jsonl", ".jsonl")]
    [InlineData("parquet", ".parquet")]
    public async Task Each_input_gets_its_own_part_named_after_it_the_same_on_any_thread_count(string format, string extension)
    {
        using var directory = new TemporaryDirectory();
        string inputs = directory.Combine("en");
        Directory.CreateDirectory(inputs);
        byte[] fixture = File.ReadAllBytes(TestData.Fixture("c4/c4-train.00000-of-01024.json.gz"));
        for (int i = 0; i < 3; i++)
        {
            File.WriteAllBytes(Path.Combine(inputs, $"c4-train.{i:D5}-of-01024.json.gz"), fixture);
        }

        var outputs = new List<Dictionary<string, byte[]>>();
        foreach (int threads in new[] { 1, 2 })
        {
            string output = directory.Combine($"out{threads}");
            (int code, _, string stderr) = await CliRun.Invoke(["run", "c4", "--input", inputs, "--output", output, "--format", format, "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", WritePlain(directory)]);
            code.Should().Be(ExitCodes.Success, stderr);
            outputs.Add(Directory.GetFiles(output).Where(f => f.EndsWith(extension, StringComparison.Ordinal)).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllBytes));
        }

        outputs[0].Keys.Order(StringComparer.Ordinal).Should().Equal($"c4-train.00000-of-01024{extension}", $"c4-train.00001-of-01024{extension}", $"c4-train.00002-of-01024{extension}");
        foreach ((string name, byte[] bytes) in outputs[0])
        {
            outputs[1][name].Should().Equal(bytes, "{0} is the same on 1 and 2 threads", name);
        }
    }

    private static string WritePlain(TemporaryDirectory directory)
    {
        string config = directory.Combine("plain.yaml");
        File.WriteAllText(config, Plain);
        return config;
    }
}
