using RedPajama.Cli;
using RedPajama.Output;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Cli;

/// <summary><c>--partition-by</c> and the <c>output:</c> section of the configuration.</summary>
public sealed class PartitionByOptionTests
{
    [Fact]
    public async Task Partition_by_on_the_command_line_writes_hive_directories()
    {
        using var directory = new TemporaryDirectory();
        string input = Input(directory);
        string output = directory.Combine("out");

        (int code, string stdout, string stderr) = await CliRun.Invoke("run", "documents", "-i", input, "-o", output, "--format", "jsonl", "--partition-by", "language, bucket", "--config", Config(directory, string.Empty));

        code.Should().Be(ExitCodes.Success, stderr);
        stdout.Should().Contain("(3 part files;");
        File.ReadAllLines(Path.Combine(output, "language=en", "bucket=head", "part-00000.jsonl")).Should().Equal("{\"text\": \"one\", \"meta\": {\"url\": \"u1\", \"url_len\": 2.5}}");
        Directory.EnumerateDirectories(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("language=de", "language=en");
    }

    [Fact]
    public async Task Output_partition_by_in_the_configuration_does_the_same_and_the_option_overrides_it()
    {
        using var directory = new TemporaryDirectory();
        string input = Input(directory);
        string config = Config(directory, "output:\n  partition_by: [bucket]\n");

        (int code, _, string stderr) = await CliRun.Invoke("run", "documents", "-i", input, "-o", directory.Combine("a"), "--config", config);
        (int none, _, string noneErrors) = await CliRun.Invoke("run", "documents", "-i", input, "-o", directory.Combine("b"), "--config", config, "--partition-by", "");

        code.Should().Be(ExitCodes.Success, stderr);
        Directory.EnumerateDirectories(directory.Combine("a")).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("bucket=head", "bucket=tail");
        none.Should().Be(ExitCodes.Success, noneErrors);
        Directory.EnumerateDirectories(directory.Combine("b")).Should().BeEmpty();
        File.Exists(directory.Combine("b", "part-00000.parquet")).Should().BeTrue();
    }

    [Theory]
    [InlineData("output:\n  max_partitions: 0\n", "output.max_partitions must be between 1 and 4096 (got 0)")]
    [InlineData("output:\n  partition_by: [language, language]\n", "output.partition_by lists 'language' twice")]
    [InlineData("output:\n  partition_by: [nope]\n", "partition field 'nope' is not a meta field")]
    [InlineData("output:\n  partition_by: [url_len]\n", "cannot partition by 'url_len': a float")]
    [InlineData("output:\n  partitions: [language]\n", "partitions")]
    public async Task A_bad_output_section_is_a_usage_error(string yaml, string message)
    {
        using var directory = new TemporaryDirectory();

        (int code, _, string stderr) = await CliRun.Invoke("run", "documents", "-i", Input(directory), "-o", directory.Combine("out"), "--config", Config(directory, yaml));

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain(message).And.NotContain("   at ");
        Directory.Exists(directory.Combine("out")).Should().BeFalse("nothing is written");
    }

    [Fact]
    public async Task Too_many_partitions_for_the_cap_fail_the_run_and_leave_no_output()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");

        (int code, _, string stderr) = await CliRun.Invoke("run", "documents", "-i", Input(directory), "-o", output, "--partition-by", "language", "--config", Config(directory, "output:\n  max_partitions: 1\n"));

        code.Should().Be(ExitCodes.Failed);
        stderr.Should().Contain("more than 1 partitions").And.Contain("output.max_partitions");
        Directory.EnumerateFileSystemEntries(output).Where(e => !Path.GetFileName(e).StartsWith('.')).Should().BeEmpty();
    }

    [Fact]
    public async Task The_spark_engine_takes_partitioning_from_the_configuration_only()
    {
        using var directory = new TemporaryDirectory();

        (int code, _, string stderr) = await CliRun.Invoke("run", "documents", "-i", Input(directory), "-o", directory.Combine("out"), "--engine", "spark", "--partition-by", "language");

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain("--partition-by (set output.partition_by in --config)");
    }

    [Theory]
    [InlineData("part-00000.parquet", true)]
    [InlineData("_stats.json", true)]
    [InlineData("language=en/part-00000.parquet", true)]
    [InlineData("language=a%2Fb/bucket=__HIVE_DEFAULT_PARTITION__/part-00003.jsonl.zst", true)]
    [InlineData("language=en/_stats.json", false)]
    [InlineData("language=en/notes.txt", false)]
    [InlineData("other/part-00000.parquet", false)]
    [InlineData("_temporary=1/part-00000.parquet", false)]
    [InlineData("../part-00000.parquet", false)]
    [InlineData("language=en/../../part-00000.parquet", false)]
    public void Job_paths_are_part_files_at_the_top_or_inside_partition_directories(string path, bool isJobPath)
    {
        OutputCommitter.IsJobPath(path).Should().Be(isJobPath);
    }

    private static string Input(TemporaryDirectory directory)
    {
        string input = directory.Combine("rows.jsonl");
        File.WriteAllLines(input, [
            "{\"text\": \"one\", \"url\": \"u1\", \"language\": \"en\", \"bucket\": \"head\", \"url_len\": 2.5}",
            "{\"text\": \"two\", \"url\": \"u2\", \"language\": \"en\", \"bucket\": \"tail\", \"url_len\": 2.5}",
            "{\"text\": \"three\", \"url\": \"u3\", \"language\": \"de\", \"bucket\": \"head\", \"url_len\": 2.5}"]);
        return input;
    }

    private static string Config(TemporaryDirectory directory, string yaml)
    {
        string path = directory.Combine("run.yaml");
        File.WriteAllText(path, "tokenizer:\n  token_count: false\nquality:\n  signals: false\ndocuments:\n  meta: [url:text, language:text, bucket:text, url_len:float]\n" + yaml);
        return path;
    }
}
