using RedPajama.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Reading;

public sealed class InputLineReaderTests
{
    [Fact]
    public void A_truncated_gzip_yields_its_complete_lines_then_an_input_error_and_the_next_file_is_read()
    {
        using var directory = new TemporaryDirectory();
        string[] lines = TruncatedGzip.Write(directory.Combine("a.jsonl.gz"), [.. Enumerable.Range(0, 5000).Select(i => $"{{\"text\": \"row {i} of some text\"}}")]);
        File.WriteAllLines(directory.Combine("b.jsonl"), ["{\"text\": \"after\"}"]);
        InputResolution inputs = InputResolver.Resolve([directory.Path]);

        var reader = new InputLineReader(inputs.Files);
        List<(string File, long Number, string Text)> read = [.. reader.ReadLines().Select(l => (Path.GetFileName(l.File.Path), l.Number, l.Decode()))];

        List<string> fromA = [.. read.Where(r => r.File == "a.jsonl.gz").Select(r => r.Text)];
        fromA.Should().NotBeEmpty().And.HaveCountLessThan(lines.Length);
        fromA.Should().Equal(lines.Take(fromA.Count), "only complete lines before the truncation are returned");
        read.Where(r => r.File == "a.jsonl.gz").Select(r => r.Number).Should().Equal(Enumerable.Range(1, fromA.Count).Select(i => (long)i));
        read[^1].Should().Be(("b.jsonl", 1L, "{\"text\": \"after\"}"));
        reader.Errors.Should().ContainSingle();
        reader.Errors[0].Path.Should().EndWith("a.jsonl.gz");
        reader.Errors[0].Error.Should().Contain("truncated");
        reader.Errors[0].RecordsRead.Should().Be(fromA.Count);
        reader.LinesRead.Should().Equal(fromA.Count, 1L);

        var second = new InputLineReader(inputs.Files);
        second.ReadLines(reader.LinesRead).Select(l => l.Decode()).Should().Equal(read.Select(r => r.Text), "a second pass sees the same lines");
        second.Errors.Should().BeEmpty();
    }

    [Fact]
    public void A_missing_file_is_an_input_error_not_an_exception()
    {
        using var directory = new TemporaryDirectory();
        var reader = new InputLineReader([new InputFile(0, directory.Combine("gone.jsonl"), 0)]);

        reader.ReadLines().Should().BeEmpty();

        reader.Errors.Should().ContainSingle().Which.RecordsRead.Should().Be(0);
    }

    [Fact]
    public void Lines_over_the_limit_are_flagged_and_counted()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllLines(directory.Combine("a.jsonl"), ["short", new string('x', 100), "", "end"]);
        var reader = new InputLineReader(InputResolver.Resolve([directory.Combine("a.jsonl")]).Files, maxLineBytes: 50);

        InputLine[] lines = [.. reader.ReadLines().Select(l => l with { Bytes = l.Bytes.ToArray() })];

        lines.Select(l => (l.Number, l.TooLong, l.IsBlank)).Should().Equal((1L, false, false), (2L, true, false), (3L, false, true), (4L, false, false));
        reader.TooLong.Should().Be(1);
    }
}
