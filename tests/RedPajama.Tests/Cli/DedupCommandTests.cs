using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Cli;

public sealed class DedupCommandTests
{
    [Fact]
    public async Task Near_dedup_keeps_the_first_of_each_cluster_and_accounts_for_every_line()
    {
        using var directory = new TemporaryDirectory();
        string text = string.Join(' ', File.ReadAllText(TestData.Book("1952-0.txt")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(400));
        string input = directory.Combine("in.jsonl");
        File.WriteAllLines(input,
        [
            JsonSerializer.Serialize(new { id = "a", text }),
            JsonSerializer.Serialize(new { id = "b", text = "A completely different short document about nothing in particular at all, really." }),
            "not json",
            JsonSerializer.Serialize(new { id = "c", text = text + " One more sentence at the end." }),
        ]);

        int code = await RedPajamaCommand.InvokeAsync(["dedup", "near", "--input", input, "--output", directory.Combine("out"), "--verify"], new StringWriter(), new StringWriter());

        code.Should().Be(ExitCodes.Success);
        string[] kept = File.ReadAllLines(directory.Combine("out", "part-00000.jsonl"));
        kept.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Should().Equal("a", "b");
        using JsonDocument stats = JsonDocument.Parse(File.ReadAllText(directory.Combine("out", "_stats.json")));
        (stats.RootElement.GetProperty("read").GetInt32(), stats.RootElement.GetProperty("written").GetInt32()).Should().Be((4, 2));
        stats.RootElement.GetProperty("dropped").GetProperty("duplicate").GetInt32().Should().Be(1);
        stats.RootElement.GetProperty("dropped").GetProperty("malformed").GetInt32().Should().Be(1);
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
}
