using RedPajama.Cli;
using RedPajama.Configuration;
using RedPajama.Sources.Documents;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Sources;

/// <summary>The generic documents source: any source's output (JSON lines or Parquet) goes through the global steps again.</summary>
public sealed class DocumentsSourceTests
{
    [Fact]
    public async Task Books_output_in_parquet_and_json_lines_reads_back_with_its_meta_and_dedups_across_files()
    {
        using var directory = new TemporaryDirectory();
        string inputs = EditedBookCopy.SampleBooksWithCopy(directory);
        string parquet = directory.Combine("books-parquet");
        string jsonl = directory.Combine("books-jsonl");
        (await CliRun.Invoke("run", "books", "-i", inputs, "-o", parquet)).Code.Should().Be(ExitCodes.Success);
        (await CliRun.Invoke("run", "books", "-i", inputs, "-o", jsonl, "--format", "jsonl")).Code.Should().Be(ExitCodes.Success);
        string output = directory.Combine("again");

        // The same six books twice: exact dedup drops the six JSON-lines copies, near dedup the edited Holmes.
        (int code, string stdout, string stderr) = await CliRun.Invoke("run", "documents", "-i", Path.Combine(parquet, "part-00000.parquet"), Path.Combine(jsonl, "part-00000.jsonl"), "-o", output, "--format", "jsonl", "--near-dedup", "0.8");

        code.Should().Be(ExitCodes.Success, stderr);
        stdout.Should().Contain("read 12 documents").And.Contain("wrote 5").And.Contain("duplicate 6").And.Contain("near_duplicate 1");
        string[] lines = File.ReadAllLines(Path.Combine(output, "part-00000.jsonl"));
        lines.Should().HaveCount(5).And.OnlyContain(l => l.StartsWith("{\"text\": ", StringComparison.Ordinal));
        lines.Should().ContainSingle(l => l.Contains("\"title\": \"Candide\"", StringComparison.Ordinal) && l.Contains("\"token_count\": ", StringComparison.Ordinal),
            "meta fields, token_count included, come through from the Parquet meta struct");
    }

    [Fact]
    public void Meta_fields_are_inferred_from_a_meta_object_or_the_top_level_and_output_columns_are_left_out()
    {
        using var directory = new TemporaryDirectory();
        string nested = directory.Combine("nested.jsonl");
        File.WriteAllText(nested, "\n{\"text\": \"a\", \"meta\": {\"url\": \"u\", \"n\": 3, \"p\": 0.5, \"ok\": true, \"line_ids\": [1, 4], \"tags\": [\"x\"]}, \"keep\": true}\n");
        string flat = directory.Combine("flat.jsonl");
        File.WriteAllText(flat, "{\"text\": \"a\", \"source\": \"c4\", \"timestamp\": \"2019\", \"rps_doc_word_count\": 1, \"drop_reason\": null}\n");

        DocumentsMetaInference.Infer(nested).Should().Equal("url:text", "n:integer", "p:float", "ok:boolean", "line_ids:integer_list");
        DocumentsMetaInference.Infer(flat).Should().Equal("source:text", "timestamp:text");
        FluentActions.Invoking(() => DocumentsMetaInference.Parse(["url:text", "size:huge"])).Should().Throw<ArgumentException>().WithMessage("*size:huge*");
    }

    [Fact]
    public async Task Configured_meta_fields_take_precedence_over_inference()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("rows.jsonl");
        File.WriteAllText(input, "{\"text\": \"one\", \"url\": \"a\", \"lang\": \"en\"}\n{\"text\": \"two\", \"url\": \"b\", \"lang\": \"fr\"}\n");
        string config = directory.Combine("run.yaml");
        File.WriteAllText(config, "format: jsonl\ntokenizer:\n  token_count: false\nquality:\n  signals: false\ndocuments:\n  meta: [url:text]\n");

        (int code, _, string stderr) = await CliRun.Invoke("run", "documents", "-i", input, "-o", directory.Combine("out"), "--config", config);

        code.Should().Be(ExitCodes.Success, stderr);
        File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Should().Equal(
            "{\"text\": \"one\", \"meta\": {\"url\": \"a\"}}",
            "{\"text\": \"two\", \"meta\": {\"url\": \"b\"}}");
    }

    [Fact]
    public async Task A_truncated_first_input_is_a_clear_error_naming_it()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("rows.jsonl.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(input), System.IO.Compression.CompressionLevel.Optimal))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"text\": \"a row of text\", \"url\": \"u\"}\n", 2000))));
        }

        File.WriteAllBytes(input, File.ReadAllBytes(input)[..40]);

        (int code, _, string stderr) = await CliRun.Invoke("run", "documents", "-i", input, "-o", directory.Combine("out"));

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain("rows.jsonl.gz").And.Contain("documents.meta");
    }
}
