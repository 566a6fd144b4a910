using RedPajama.Cli;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Cli;

public sealed class CommandLineValidationTests
{
    [Theory]
    [InlineData("--threads", "run documents -i x -o y --threads abc")]
    [InlineData("--threads", "run documents -i x -o y --threads -3")]
    [InlineData("--near-dedup", "run documents -i x -o y --near-dedup 0")]
    [InlineData("--near-dedup", "run documents -i x -o y --near-dedup 1.5")]
    [InlineData("--threshold", "dedup near -i x -o y --threshold 1.5")]
    [InlineData("--threshold", "dedup near -i x -o y --threshold -1")]
    [InlineData("--threshold", "dedup near -i x -o y --threshold 0")]
    [InlineData("--threshold", "dedup near -i x -o y --threshold abc")]
    [InlineData("--ngram", "dedup near -i x -o y --ngram 0")]
    [InlineData("--ngram", "dedup near -i x -o y --ngram -2")]
    [InlineData("--num-perm", "dedup near -i x -o y --num-perm 0")]
    [InlineData("--seed", "dedup near -i x -o y --seed 1.5")]
    [InlineData("--threads", "bench books -i x --threads 1 0")]
    [InlineData("--repeat", "bench books -i x --repeat 0")]
    [InlineData("--repeat", "bench-signals -i x --repeat 0")]
    [InlineData("--repeat", "bench-tokenizer -i x --repeat -1")]
    [InlineData("-k", "bench-lid -i x -k 0")]
    [InlineData("-k", "lid -k 0")]
    [InlineData("--threshold", "lid --threshold 2")]
    [InlineData("--order", "lm train -i x -o y --order 0")]
    [InlineData("--order", "lm train -i x -o y --order 7")]
    [InlineData("--dim", "fasttext-train -i x -o y --dim 0")]
    [InlineData("--lr", "fasttext-train -i x -o y --lr 0")]
    [InlineData("--epoch", "fasttext-train -i x -o y --epoch 0")]
    [InlineData("--threads", "fasttext-train -i x -o y --threads 0")]
    [InlineData("--minn", "fasttext-train -i x -o y --minn -1")]
    [InlineData("--num-perm", "bench-minhash -i x --num-perm 0")]
    [InlineData("--docs", "bench-minhash -i x --docs 0")]
    [InlineData("--doc-bytes", "bench-minhash -i x --doc-bytes abc")]
    [InlineData("--distinct", "bench-exact-dedup --distinct 0")]
    [InlineData("--memory-mb", "bench-exact-dedup --memory-mb 0")]
    [InlineData("--keys", "bench-exact-dedup --keys many")]
    public async Task A_bad_number_is_a_usage_error_naming_the_option_without_a_stack_trace(string option, string commandLine)
    {
        (int code, _, string stderr) = await CliRun.Invoke(commandLine.Split(' '));

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain($"redpajama: {option} ").And.NotContain("   at ").And.NotContain("System.");
    }

    [Theory]
    [InlineData("--threshold", "dedup near -i x -o y --threshold 1.5", "greater than 0 and at most 1 (got 1.5)")]
    [InlineData("--ngram", "dedup near -i x -o y --ngram 0", "at least 1 (got 0)")]
    [InlineData("--threads", "run documents -i x -o y --threads abc", "a whole number (got 'abc')")]
    [InlineData("--order", "lm train -i x -o y --order 9", "between 1 and 6 (got 9)")]
    public async Task The_message_says_what_the_option_accepts(string option, string commandLine, string accepted)
    {
        (_, _, string stderr) = await CliRun.Invoke(commandLine.Split(' '));

        stderr.Should().Contain($"redpajama: {option} must be {accepted}");
    }

    [Theory]
    [InlineData("--method", "dedup near -i x -o y --method lsh", "minhash, simhash (got 'lsh')")]
    [InlineData("--engine", "run books -i x -o y --engine flink", "local, spark (got 'flink')")]
    [InlineData("--spark-deploy", "run books -i x -o y --engine spark --spark-deploy mesos", "local, standalone, yarn, kubernetes (got 'mesos')")]
    [InlineData("--loss", "fasttext-train -i x -o y --loss hinge", "softmax, hs, ova (got 'hinge')")]
    [InlineData("--output-format", "tokenize --output-format bytes", "id, piece (got 'bytes')")]
    public async Task A_word_outside_the_choices_names_the_option_and_its_choices(string option, string commandLine, string choices)
    {
        (int code, _, string stderr) = await CliRun.Invoke(commandLine.Split(' '));

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain($"redpajama: {option} must be one of {choices}");
    }

    [Fact]
    public async Task Run_and_dedup_near_share_one_threshold_rule()
    {
        (int run, _, string runError) = await CliRun.Invoke("run", "documents", "-i", "x", "-o", "y", "--near-dedup", "0");
        (int dedup, _, string dedupError) = await CliRun.Invoke("dedup", "near", "-i", "x", "-o", "y", "--threshold", "0");

        (run, dedup).Should().Be((ExitCodes.Usage, ExitCodes.Usage));
        runError.Replace("--near-dedup", "OPTION", StringComparison.Ordinal).Split('\n')[0]
            .Should().Be(dedupError.Replace("--threshold", "OPTION", StringComparison.Ordinal).Split('\n')[0]);
    }

    [Theory]
    [InlineData("redpajama dedup near", "dedup near -i x --ngram 0")]
    [InlineData("redpajama dedup exact", "dedup exact -i x")]
    [InlineData("redpajama lm train", "lm train -i x")]
    [InlineData("redpajama bench-minhash", "bench-minhash --docs 0 -i x")]
    [InlineData("redpajama run", "run books -i x")]
    [InlineData("redpajama", "no-such-command")]
    public async Task The_parse_hint_names_the_command_typed(string path, string commandLine)
    {
        (int code, _, string stderr) = await CliRun.Invoke(commandLine.Split(' '));

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain($"Try '{path} --help'.");
    }
}
