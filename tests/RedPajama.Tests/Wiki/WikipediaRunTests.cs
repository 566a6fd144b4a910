using System.Text.Json;
using RedPajama.Cli;
using RedPajama.Tests.Support;
using RedPajama.Tests.Wiki.Reading;

namespace RedPajama.Tests.Wiki;

/// <summary><c>redpajama run wikipedia</c>: the dump date and language overrides, as a user passes them.</summary>
public sealed class WikipediaRunTests
{
    private static List<JsonElement> Records(string output) =>
        [.. Directory.GetFiles(output, "*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Dump_date_overrides_the_file_name_and_language_the_dbname()
    {
        using var directory = new TemporaryDirectory();
        // The sr mini-dump's siteinfo is a copy of enwiki's; its file name says sr and has no date.
        string dump = WikiDumps.Fixture("srwiki-minidump.xml.bz2");
        string config = directory.Combine("config.yaml");
        File.WriteAllText(config, "wikipedia:\n  language: sr\n");

        (int plainCode, _, _) = await CliRun.Invoke("run", "wikipedia", "-i", dump, "-o", directory.Combine("plain"), "--format", "jsonl");
        (int code, _, string stderr) = await CliRun.Invoke("run", "wikipedia", "-i", dump, "-o", directory.Combine("out"), "--format", "jsonl", "--dump-date", "20230320", "--config", config);

        plainCode.Should().Be(ExitCodes.Success);
        code.Should().Be(ExitCodes.Success, stderr);
        List<JsonElement> plain = Records(directory.Combine("plain"));
        List<JsonElement> records = Records(directory.Combine("out"));
        records.Should().NotBeEmpty().And.HaveSameCount(plain);
        plain.Should().OnlyContain(r => r.GetProperty("meta").GetProperty("language").GetString() == "en", "the dump's dbname says enwiki");
        plain.Select(r => r.GetProperty("meta").EnumerateObject().Any(p => p.Name == "timestamp")).Should().OnlyContain(has => !has, "the file name has no date (a null field is not written)");
        records.Should().OnlyContain(r => r.GetProperty("meta").GetProperty("timestamp").GetString() == "20230320");
        records.Should().OnlyContain(r => r.GetProperty("meta").GetProperty("language").GetString() == "sr"
            && r.GetProperty("meta").GetProperty("url").GetString()!.StartsWith("https://sr.wikipedia.org/wiki/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wikipedia", "2023-03-20", "--dump-date must be YYYYMMDD")]
    [InlineData("books", "20230320", "--dump-date goes with the wikipedia source")]
    public async Task A_bad_dump_date_is_a_usage_error(string source, string date, string message)
    {
        using var directory = new TemporaryDirectory();
        (int code, _, string stderr) = await CliRun.Invoke("run", source, "-i", WikiDumps.Fixture("srwiki-minidump.xml.bz2"), "-o", directory.Combine("out"), "--dump-date", date);
        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain(message);
        Directory.Exists(directory.Combine("out")).Should().BeFalse();
    }

    [Fact]
    public async Task A_bad_language_is_a_usage_error()
    {
        using var directory = new TemporaryDirectory();
        string config = directory.Combine("config.yaml");
        File.WriteAllText(config, "wikipedia:\n  language: Serbian!\n");
        (int code, _, string stderr) = await CliRun.Invoke("run", "wikipedia", "-i", WikiDumps.Fixture("srwiki-minidump.xml.bz2"), "-o", directory.Combine("out"), "--config", config);
        code.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain("wikipedia.language");
    }
}
