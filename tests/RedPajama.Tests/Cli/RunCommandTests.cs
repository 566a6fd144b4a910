using RedPajama.Cli;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Cli;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Runs_the_books_job_and_says_where_the_parquet_went()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");

        (int code, string stdout, string stderr) = await CliRun.Invoke("run", "books", "--input", TestData.SampleBooks, "--output", output, "--threads", "2");

        code.Should().Be(ExitCodes.Success);
        // The headers' "Language: English"/"French" become en/fr, which have stop-word and LDNOOBW lists.
        stderr.Should().NotContain("no stop-word list").And.NotContain("no LDNOOBW list");
        stdout.Should().Contain("read 5 documents").And.Contain("wrote 5").And.Contain("docs/s").And.Contain(output);
        File.Exists(Path.Combine(output, "part-00000.parquet")).Should().BeTrue();
        File.Exists(Path.Combine(output, "_stats.json")).Should().BeTrue();
        File.Exists(Path.Combine(output, "_SUCCESS")).Should().BeTrue();
    }

    [Fact]
    public async Task Engine_spark_hands_the_same_job_arguments_to_the_submit_script()
    {
        using var spark = new FakeSpark();

        // The script inherits this process's environment; only this test sets these two.
        Environment.SetEnvironmentVariable("SPARK_HOME", spark.SparkHome);
        Environment.SetEnvironmentVariable("DOTNET_WORKER_DIR", spark.WorkerDirectory);
        try
        {
            (int code, string stdout, string stderr) = await CliRun.Invoke("run", "books", "--engine", "spark", "--dry-run", "-i", "samples/books", "-o", "out/books-spark", "--keep-all");

            code.Should().Be(ExitCodes.Success, stderr);
            stdout.Should().Contain("spark-submit command: " + spark.SparkSubmit)
                .And.Contain("--master local\\[\\*\\]")
                .And.Contain("RedPajama.Spark.Job.dll run books --input samples/books --output out/books-spark --keep-all");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SPARK_HOME", null);
            Environment.SetEnvironmentVariable("DOTNET_WORKER_DIR", null);
        }

        (int refused, _, string message) = await CliRun.Invoke("run", "books", "--engine", "spark", "--dry-run", "-i", "a", "-o", "b", "--threads", "2");
        refused.Should().Be(ExitCodes.Usage);
        message.Should().Contain("does not take --threads");
    }

    [Fact]
    public async Task Format_and_config_options_apply()
    {
        using var directory = new TemporaryDirectory();
        string config = directory.Combine("run.yaml");
        File.WriteAllText(config, "format: jsonl\nbooks:\n  exact_dedup: false\n");

        (int code, _, _) = await CliRun.Invoke("run", "books", "-i", TestData.Fixture("books/pg19-sample.jsonl"), "-o", directory.Combine("out"), "--config", config);

        code.Should().Be(ExitCodes.Success);
        File.ReadAllLines(directory.Combine("out", "part-00000.jsonl")).Should().HaveCount(3, "dedup is off in the config");
    }

    [Fact]
    public async Task A_missing_input_is_reported_and_the_rest_is_processed()
    {
        using var directory = new TemporaryDirectory();

        (int code, string stdout, string stderr) = await CliRun.Invoke("run", "books", "-i", TestData.Book("11-0.txt"), directory.Combine("nope.txt"), "-o", directory.Combine("out"));

        code.Should().Be(ExitCodes.InputErrors);
        stderr.Should().Contain("nope.txt").And.Contain("does not exist");
        stdout.Should().Contain("wrote 1");
    }

    [Theory]
    [InlineData("run", "books", "--input", "x")]
    [InlineData("run", "movies", "--input", "x", "--output", "y")]
    [InlineData("run", "books", "--input", "x", "--output", "y", "--engine", "flink")]
    [InlineData("run", "books", "--input", "x", "--output", "y", "--format", "csv")]
    [InlineData("run", "books", "--input", "x", "--output", "y", "--threads", "0")]
    public async Task Usage_errors_exit_with_code_2_and_a_message(params string[] args)
    {
        (int code, _, string stderr) = await CliRun.Invoke(args);

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Skipped_files_are_named_in_the_log()
    {
        using var directory = new TemporaryDirectory();
        string notes = directory.Combine("notes.txt");
        File.WriteAllText(notes, "not a book");

        (int code, _, string stderr) = await CliRun.Invoke("run", "books", "-i", notes, TestData.Book("11-0.txt"), "-o", directory.Combine("out"));

        code.Should().Be(ExitCodes.Success);
        stderr.Should().Contain($"skipped {notes} record 0: not_gutenberg");
    }

    [Fact]
    public async Task No_input_at_all_fails()
    {
        using var directory = new TemporaryDirectory();

        (int code, _, string stderr) = await CliRun.Invoke("run", "books", "-i", directory.Combine("empty-dir-*"), "-o", directory.Combine("out"));

        code.Should().Be(ExitCodes.Failed);
        stderr.Should().Contain("no input files");
    }

    [Fact]
    public async Task An_output_that_cannot_be_created_fails_with_its_name()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.Combine("file"), "x");

        (int code, _, string stderr) = await CliRun.Invoke("run", "books", "-i", TestData.Book("11-0.txt"), "-o", directory.Combine("file", "out"));

        code.Should().Be(ExitCodes.Failed);
        stderr.Should().Contain("not writable").And.Contain("file");
    }
}
