using RedPajama.Cli;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Cli;

public sealed class ConfigValidationTests
{
    [Theory]
    [InlineData("threads: -3", "threads must be at least 1 (got -3)")]
    [InlineData("threads: 0", "threads must be at least 1 (got 0)")]
    [InlineData("shard_mb: 0", "shard_mb must be at least 1 (got 0)")]
    [InlineData("memory_mb: -1", "memory_mb must be at least 1 (got -1)")]
    [InlineData("spill_zstd_level: 23", "spill_zstd_level must be between 0 and 22 (got 23)")]
    [InlineData("spill_zstd_level: -1", "spill_zstd_level must be between 0 and 22 (got -1)")]
    [InlineData("books:\n  max_book_mb: 0", "books.max_book_mb must be at least 1 (got 0)")]
    [InlineData("lid:\n  min_score: 1.5", "lid.min_score must be between 0 and 1 (got 1.5)")]
    [InlineData("dedup:\n  near_threshold: 0", "dedup.near_threshold must be greater than 0 and at most 1 (got 0)")]
    [InlineData("dedup:\n  near_threshold: 1.2", "dedup.near_threshold must be greater than 0 and at most 1 (got 1.2)")]
    [InlineData("dedup:\n  num_perm: 0", "dedup.num_perm must be at least 1 (got 0)")]
    [InlineData("dedup:\n  ngram: -1", "dedup.ngram must be at least 1 (got -1)")]
    [InlineData("dedup:\n  shingles: bytes", "dedup.shingles must be words or characters (got 'bytes')")]
    [InlineData("dedup:\n  method: lsh", "dedup.method must be minhash or simhash (got 'lsh')")]
    [InlineData("dedup:\n  method: simhash\n  verify: true", "dedup.verify applies to method minhash only")]
    [InlineData("threads: abc", "line 1: threads must be a whole number (got 'abc')")]
    [InlineData("memory_mb: 2.5", "line 1: memory_mb must be a whole number (got '2.5')")]
    [InlineData("keep_all: maybe", "line 1: keep_all must be true or false (got 'maybe')")]
    [InlineData("format: jsonl\ndedup:\n  near_threshold: high", "line 3: dedup.near_threshold must be a number (got 'high')")]
    [InlineData("threads: [1, 2]", "line 1: threads must be a whole number (got a list or a mapping)")]
    public async Task A_bad_configuration_value_is_a_usage_error_naming_its_key(string yaml, string message)
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Combine("in.jsonl");
        File.WriteAllLines(input, ["{\"text\": \"a\"}"]);
        string config = directory.Combine("config.yaml");
        File.WriteAllText(config, yaml + "\n");

        (int code, _, string stderr) = await CliRun.Invoke("run", "documents", "-i", input, "-o", directory.Combine("out"), "--config", config);

        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain($"redpajama: {config}: {message}").And.NotContain("System.").And.NotContain("Nullable").And.NotContain("   at ");
        Directory.Exists(directory.Combine("out")).Should().BeFalse();
    }
}
