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

        DocumentsMetaInference.Infer(nested).Should().Equal("url:text", "n:integer", "p:float", "ok:boolean", "line_ids:integer_list", "tags:json");
        DocumentsMetaInference.Infer(flat).Should().Equal("source:text", "timestamp:text");
        FluentActions.Invoking(() => DocumentsMetaInference.Parse(["url:text", "size:huge"])).Should().Throw<ArgumentException>().WithMessage("*size:huge*");
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("parquet")]
    public async Task Json_meta_values_come_back_as_python_json_dumps_writes_them_through_spill_and_either_format(string format)
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("rows.jsonl");
        // BigQuery's github_repos export: a REPEATED RECORD as an array of objects, INT64 as strings; compact JSON in.
        File.WriteAllText(input,
            "{\"text\":\"int main() {}\",\"repo_name\":\"a/b\",\"language\":[{\"name\":\"C\",\"bytes\":\"100\"},{\"name\":\"C\\u002B\\u002B\",\"bytes\":\"7\"}],\"extra\":{\"k\":[1,2.50,1e2,12345678901234567890,null,true,\"\\u00e9\\ud83d\\ude00\"]}}\n" +
            "{\"text\":\"int main() {}\",\"repo_name\":\"c/d\",\"language\":[],\"extra\":null}\n" +
            "{\"text\":\"other\",\"repo_name\":\"e/f\",\"language\":[{\"name\":\"Go\",\"bytes\":\"1\"}],\"extra\":\"plain\"}\n");
        string config = directory.Combine("run.yaml");
        File.WriteAllText(config, "tokenizer:\n  token_count: false\nquality:\n  signals: false\n");
        string output = directory.Combine("out");

        (int code, string stdout, string stderr) = await CliRun.Invoke("run", "documents", "-i", input, "-o", output, "--format", format, "--config", config);

        code.Should().Be(ExitCodes.Success, stderr);
        stdout.Should().Contain("duplicate 1", "exact dedup spills the documents with their JSON values");
        string again = directory.Combine("again");
        if (format == "parquet")
        {
            // Parquet holds the JSON text as a string column: read back as json fields, JSON lines restore the values.
            string reread = directory.Combine("reread.yaml");
            File.WriteAllText(reread, File.ReadAllText(config) + "documents:\n  meta: [repo_name:text, language:json, extra:json]\n");
            (await CliRun.Invoke("run", "documents", "-i", output, "-o", again, "--format", "jsonl", "--config", reread)).Code.Should().Be(ExitCodes.Success);
            output = again;
        }

        File.ReadAllLines(Path.Combine(output, "part-00000.jsonl")).Should().Equal(
            "{\"text\": \"int main() {}\", \"meta\": {\"repo_name\": \"a/b\", \"language\": [{\"name\": \"C\", \"bytes\": \"100\"}, {\"name\": \"C++\", \"bytes\": \"7\"}], \"extra\": {\"k\": [1, 2.5, 100.0, 12345678901234567890, null, true, \"\\u00e9\\ud83d\\ude00\"]}}}",
            "{\"text\": \"other\", \"meta\": {\"repo_name\": \"e/f\", \"language\": [{\"name\": \"Go\", \"bytes\": \"1\"}], \"extra\": \"plain\"}}");
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
