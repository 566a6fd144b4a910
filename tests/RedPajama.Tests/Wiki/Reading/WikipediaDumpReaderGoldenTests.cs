using System.Diagnostics;
using System.Text.Json;
using RedPajama.Documents;
using RedPajama.Sources.Wikipedia.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Wiki.Reading;

/// <summary>The reader against the Python reference (xml.etree iterparse; make_golden.py) on real and synthetic dumps.</summary>
public sealed class WikipediaDumpReaderGoldenTests
{
    public static TheoryData<string> Dumps => new()
    {
        "enwiki-minidump.xml.bz2",
        "srwiki-minidump.xml.bz2",
        "gensim-bgwiki-latest-pages-articles-shortened.xml.bz2",
        "gensim-enwiki-table-markup.xml.bz2",
        "synthetic-mixed.xml",
    };

    [Theory]
    [MemberData(nameof(Dumps))]
    public void Pages_match_the_python_reference(string name)
    {
        string path = WikiDumps.Fixture(name);
        List<JsonElement> golden = [.. File.ReadAllLines(path + ".golden.jsonl").Select(l => JsonDocument.Parse(l).RootElement)];
        List<Document> documents = WikiDumps.ReadFile(path);

        documents.Should().HaveCount(golden.Count);
        for (int i = 0; i < golden.Count; i++)
        {
            Document d = documents[i];
            JsonElement g = golden[i];
            d.Order.Should().Be(new OrderKey(0, i));
            WikiDumps.Title(d).Should().Be(g.GetProperty("title").GetString(), $"page {i}");
            WikiDumps.PageId(d).Should().Be(g.GetProperty("page_id").ValueKind == JsonValueKind.Null ? null : g.GetProperty("page_id").GetInt64());
            d.DropReason.Should().Be(g.GetProperty("reason").GetString(), $"page {i} ({WikiDumps.Title(d)})");
            if (!d.IsDropped)
            {
                WikiDumps.Sha1(d.Text).Should().Be(g.GetProperty("text_sha1").GetString(), $"page {i} text");
            }
        }
    }

    [Fact]
    public void Counts_per_reason_on_the_samples()
    {
        Dictionary<string, int> Counts(string name) => WikiDumps.ReadFile(WikiDumps.Fixture(name))
            .GroupBy(d => d.DropReason ?? "kept").ToDictionary(g => g.Key, g => g.Count());

        Counts("enwiki-minidump.xml.bz2").Should().BeEquivalentTo(new Dictionary<string, int> { ["kept"] = 24, ["redirect"] = 2, ["not_article"] = 1 });
        Counts("gensim-bgwiki-latest-pages-articles-shortened.xml.bz2").Should().BeEquivalentTo(new Dictionary<string, int> { ["kept"] = 1, ["not_article"] = 2 });
        Counts("synthetic-mixed.xml").Should().BeEquivalentTo(new Dictionary<string, int> { ["kept"] = 5, ["not_article"] = 5, ["redirect"] = 1, ["empty_page"] = 3 });
    }

    [PythonFact]
    public void The_committed_golden_files_are_what_make_golden_writes()
    {
        using var temp = new TemporaryDirectory();
        string folder = WikiDumps.Fixture(string.Empty);
        foreach (string file in Directory.GetFiles(folder))
        {
            if (!file.EndsWith(".golden.jsonl", StringComparison.Ordinal))
            {
                File.Copy(file, temp.Combine(Path.GetFileName(file)));
            }
        }

        var start = new ProcessStartInfo(PythonFactAttribute.Interpreter, "make_golden.py") { WorkingDirectory = temp.Path, RedirectStandardOutput = true, UseShellExecute = false };
        using (Process process = Process.Start(start)!)
        {
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.Should().Be(0);
        }

        foreach (string golden in Directory.GetFiles(folder, "*.golden.jsonl"))
        {
            File.ReadAllText(temp.Combine(Path.GetFileName(golden))).Should().Be(File.ReadAllText(golden), golden);
        }
    }
}
