using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Output;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Cli;

public sealed class DedupCommandTests
{
    [Fact]
    public async Task Near_dedup_keeps_the_first_of_each_cluster_and_accounts_for_every_line()
    {
        using var directory = new TemporaryDirectory();
        string input = WriteBookCopyInput(directory, words: 400, text => text + " One more sentence at the end.", "not json");

        int code = await RedPajamaCommand.InvokeAsync(["dedup", "near", "--input", input, "--output", directory.Combine("out"), "--verify"], new StringWriter(), new StringWriter());

        code.Should().Be(ExitCodes.Success);
        string[] kept = File.ReadAllLines(directory.Combine("out", "part-00000.jsonl"));
        kept.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().Equal("a", "b");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        (stats.RootElement.GetProperty("read").GetInt32(), stats.RootElement.GetProperty("written").GetInt32()).Should().Be((4, 2));
        stats.RootElement.GetProperty("dropped").GetProperty("near_duplicate").GetInt32().Should().Be(1);
        stats.RootElement.GetProperty("dropped").GetProperty("malformed_json").GetInt32().Should().Be(1);
        stats.RootElement.GetProperty("engine").GetString().Should().Be("local", "_stats.json is the engine's run statistics");
    }

    [Fact]
    public async Task Mark_keeps_every_line_with_the_cluster_of_its_kept_document()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("in.jsonl");
        File.WriteAllLines(input, ["{\"text\": \"same\"}", "{\"text\": \"other\"}", "{\"text\": \"same\"}"]);

        int code = await RedPajamaCommand.InvokeAsync(["dedup", "exact", "--input", input, "--output", directory.Combine("out"), "--mark"], new StringWriter(), new StringWriter());

        code.Should().Be(ExitCodes.Success);
        File.ReadAllLines(directory.Combine("out", "part-00000.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("cluster_id").GetInt32()).Should().Equal(0, 1, 0);
    }

    [Fact]
    public async Task Exact_dedup_on_a_key_field_keeps_every_field_of_the_kept_lines_as_they_were()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("in.jsonl");
        string[] lines = ["{\"url\":\"a\",  \"text\": \"one\", \"n\": [1, 2]}", "{\"url\": \"b\", \"text\": \"one\"}", "{\"url\": \"a\", \"text\": \"two\"}", "{\"text\": \"no url\"}"];
        File.WriteAllLines(input, lines);

        (int code, _, _) = await CliRun.Invoke("dedup", "exact", "-i", input, "-o", directory.Combine("out"), "--key", "url");

        code.Should().Be(ExitCodes.Success);
        File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Should().Equal([lines[0], lines[1], lines[3]], "byte for byte; a line without the key takes no part");
    }

    [Fact]
    public async Task Simhash_near_dedup_drops_a_lightly_edited_copy_and_mark_writes_cluster_ids()
    {
        using var directory = new TemporaryDirectory();
        string input = WriteBookCopyInput(directory, words: 2000, text => text.Replace("the ", "The ", StringComparison.Ordinal) + " End.");

        (int code, _, _) = await CliRun.Invoke("dedup", "near", "-i", input, "-o", directory.Combine("out"), "--method", "simhash");
        (int marked, _, _) = await CliRun.Invoke("dedup", "near", "-i", input, "-o", directory.Combine("marked"), "--method", "simhash", "--mark");

        (code, marked).Should().Be((ExitCodes.Success, ExitCodes.Success));
        File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().Equal("a", "b");
        File.ReadAllLines(directory.Combine("marked", "part-00000.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("cluster_id").GetInt32()).Should().Equal(0, 1, 0);
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        stats.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Should().Contain("simhash_dedup");
    }

    [Fact]
    public async Task Line_dedup_rewrites_documents_with_their_kept_lines_and_accounts_for_emptied_ones()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("in.jsonl");
        File.WriteAllLines(input,
        [
            JsonSerializer.Serialize(new { id = 1, text = "Shared menu line\nUnique line one." }),
            JsonSerializer.Serialize(new { id = 2, text = "Shared menu line\nUnique line two." }),
            JsonSerializer.Serialize(new { id = 3, text = "Shared menu line" }),
        ]);

        int code = await RedPajamaCommand.InvokeAsync(["dedup", "lines", "--input", input, "--output", directory.Combine("out")], new StringWriter(), new StringWriter());

        code.Should().Be(ExitCodes.Success);
        JsonElement[] rows = [.. File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)];
        rows.Select(r => r.GetProperty("text").GetString()).Should().Equal("Unique line one.", "Unique line two.");
        rows[0].GetProperty("line_ids")[0].GetInt32().Should().Be(1);
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        stats.RootElement.GetProperty("dropped").GetProperty("no_line_left").GetInt32().Should().Be(1);
    }

    [Theory]
    [InlineData("exact")]
    [InlineData("near")]
    [InlineData("lines")]
    public async Task A_truncated_gzip_input_keeps_its_complete_lines_and_exits_with_input_errors(string mode)
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("docs.jsonl.gz");
        string[] lines = TruncatedGzip.Write(input, [.. Enumerable.Range(0, 4000).Select(i => JsonSerializer.Serialize(new { id = i, text = $"document {Letters(i)} alpha {Letters(i * 7)} beta {Letters(i * 13)} gamma {Letters(i * 31)} delta" }))]);

        (int code, _, string stderr) = await CliRun.Invoke("dedup", mode, "-i", input, "-o", directory.Combine("out"));

        code.Should().Be(ExitCodes.InputErrors);
        stderr.Should().Contain($"redpajama: {input}: ").And.Contain("truncated").And.NotContain("   at ");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        JsonElement error = stats.RootElement.GetProperty("input_errors").EnumerateArray().Should().ContainSingle().Subject;
        error.GetProperty("path").GetString().Should().Be(input);
        long complete = error.GetProperty("records_read").GetInt64();
        complete.Should().BePositive().And.BeLessThan(lines.Length);
        stats.RootElement.GetProperty("read").GetInt64().Should().Be(complete);
        stats.RootElement.GetProperty("written").GetInt64().Should().Be(complete, "the documents are all different");
        int[] ids = [.. File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt32())];
        ids.Should().Equal(Enumerable.Range(0, (int)complete), "every complete line before the truncation is processed, once");
        File.Exists(directory.Combine("out", "_SUCCESS")).Should().BeTrue();
    }

    [Fact]
    public async Task Invalid_utf8_non_json_and_keyless_lines_are_counted_skips_and_the_accounting_balances()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("in.jsonl");
        // Line 2 holds the byte 0xFF, which is never valid UTF-8.
        File.WriteAllBytes(input, [.. "{\"text\": \"one\"}\n{\"text\": \"bad "u8, 0xFF, .. "\"}\nnot json\n{\"id\": 3}\n\n{\"text\": \"one\"} trailing\n{\"text\": \"one\"}\n"u8]);

        (int code, _, string stderr) = await CliRun.Invoke("dedup", "exact", "-i", input, "-o", directory.Combine("out"));

        code.Should().Be(ExitCodes.Success);
        // Skips are named by their 1-based line in the file (the blank line 5 counts as a line, not as a record).
        stderr.Should().Contain($"skipped {input} line 2: malformed_json").And.Contain($"skipped {input} line 3: malformed_json")
            .And.Contain($"skipped {input} line 4: missing_text").And.Contain($"skipped {input} line 6: malformed_json");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        JsonElement root = stats.RootElement;
        (root.GetProperty("read").GetInt64(), root.GetProperty("written").GetInt64()).Should().Be((6, 1));
        root.GetProperty("dropped").GetProperty("malformed_json").GetInt64().Should().Be(3);
        root.GetProperty("dropped").GetProperty("missing_text").GetInt64().Should().Be(1);
        root.GetProperty("dropped").GetProperty("duplicate").GetInt64().Should().Be(1);
        File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Should().Equal("{\"text\": \"one\"}");
    }

    [Fact]
    public async Task A_dedup_that_cannot_run_leaves_the_previous_output_as_it_was()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("in.jsonl");
        string output = directory.Combine("out");
        File.WriteAllLines(input, ["{\"text\": \"a\"}", "{\"text\": \"a\"}", "{\"text\": \"b\"}"]);
        (await CliRun.Invoke("dedup", "exact", "-i", input, "-o", output)).Code.Should().Be(ExitCodes.Success);
        File.Exists(Path.Combine(output, "_SUCCESS")).Should().BeTrue("dedup commits its output as run does");
        Dictionary<string, string> before = Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        File.WriteAllLines(input, ["{\"text\": \"c\"}"]);

        (int Code, string Stdout, string Stderr) lockedRun;
        using (OutputCommitter.Begin(output))
        {
            lockedRun = await CliRun.Invoke("dedup", "near", "-i", input, "-o", output);
        }

        (int locked, _, string lockedError) = lockedRun;

        (int missing, _, string missingError) = await CliRun.Invoke("dedup", "lines", "-i", directory.Combine("gone.jsonl"), "-o", output);

        locked.Should().Be(ExitCodes.Failed);
        lockedError.Should().Contain("in use by another run");
        missing.Should().Be(ExitCodes.Failed);
        missingError.Should().Contain("gone.jsonl");
        Directory.GetFiles(output).ToDictionary(f => Path.GetFileName(f), File.ReadAllText).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task A_second_dedup_replaces_the_first_output()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("in.jsonl");
        string output = directory.Combine("out");
        File.WriteAllLines(input, ["{\"text\": \"a\"}", "{\"text\": \"b\"}"]);
        await CliRun.Invoke("dedup", "exact", "-i", input, "-o", output);
        File.WriteAllLines(input, ["{\"text\": \"c\"}"]);

        (int code, _, _) = await CliRun.Invoke("dedup", "exact", "-i", input, "-o", output);

        code.Should().Be(ExitCodes.Success);
        File.ReadAllLines(Path.Combine(output, "part-00000.jsonl")).Should().Equal("{\"text\": \"c\"}");
        Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Should().BeEquivalentTo("part-00000.jsonl", "_stats.json", "_SUCCESS");
    }

    [Theory]
    [InlineData("exact")]
    [InlineData("near")]
    [InlineData("lines")]
    public async Task An_output_overlapping_the_input_is_refused_and_nothing_is_written(string mode)
    {
        using var directory = new TemporaryDirectory();
        string inputs = directory.Combine("data");
        Directory.CreateDirectory(inputs);
        File.WriteAllLines(Path.Combine(inputs, "in.jsonl"), ["{\"text\": \"a\"}", "{\"text\": \"a\"}"]);

        (int same, _, string sameError) = await CliRun.Invoke("dedup", mode, "-i", inputs, "-o", inputs);
        (int inside, _, _) = await CliRun.Invoke("dedup", mode, "-i", inputs, "-o", Path.Combine(inputs, "out"));

        same.Should().Be(ExitCodes.Usage);
        sameError.Should().Contain("is the input");
        inside.Should().Be(ExitCodes.Usage);
        Directory.GetFileSystemEntries(inputs).Select(Path.GetFileName).Should().Equal("in.jsonl");
    }

    // Documents a (the start of a book), b (unrelated), then the extra lines, then c (an edited copy of a).
    private static string WriteBookCopyInput(TemporaryDirectory directory, int words, Func<string, string> edit, params string[] extra)
    {
        string text = string.Join(' ', File.ReadAllText(TestData.Book("1952-0.txt")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(words));
        string input = directory.Combine("in.jsonl");
        File.WriteAllLines(input,
        [
            JsonSerializer.Serialize(new { id = "a", text }),
            JsonSerializer.Serialize(new { id = "b", text = "A completely different short document about nothing in particular at all, really." }),
            .. extra,
            JsonSerializer.Serialize(new { id = "c", text = edit(text) }),
        ]);
        return input;
    }

    // Distinct words without digits: CCNet's line dedup normalises digits, so "document 1" and "document 2" would be one line.
    private static string Letters(int number) => string.Concat(number.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => (char)('a' + (d - '0'))));
}
