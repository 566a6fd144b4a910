using RedPajama.Configuration;
using RedPajama.Sources.Books;

namespace RedPajama.Tests.Engine;

public sealed class RunConfigLoaderTests
{
    [Fact]
    public void Yaml_keys_set_the_configuration()
    {
        RunConfig config = RunConfigLoader.Parse("threads: 3\nmemory_mb: 512\nformat: jsonl.zst\nkeep_all: true\nbooks:\n  require_gutenberg_markers: false\n  exact_dedup: false\n");

        config.Threads.Should().Be(3);
        config.MemoryMb.Should().Be(512);
        config.Format.Should().Be("jsonl.zst");
        config.KeepAll.Should().BeTrue();
        config.Section<BooksConfig>().RequireGutenbergMarkers.Should().BeFalse();
        config.Section<BooksConfig>().ExactDedup.Should().BeFalse();
        config.ShardMb.Should().Be(256, "absent keys keep their defaults");
    }

    [Theory]
    [InlineData("thread: 3", "thread")]
    [InlineData("books:\n  exact_dedupe: true", "exact_dedupe")]
    [InlineData("threads: [", "line")]
    public void Unknown_keys_and_bad_yaml_are_errors_naming_the_problem(string yaml, string mentioned)
    {
        Action parse = () => RunConfigLoader.Parse(yaml, "run.yaml");

        parse.Should().Throw<FormatException>().WithMessage($"*run.yaml*{mentioned}*");
    }

    [Fact]
    public void An_empty_file_means_defaults() => RunConfigLoader.Parse(string.Empty).Format.Should().Be("parquet");
}
