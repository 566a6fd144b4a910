using Xunit.Abstractions;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RedPajama.Udfs.Wiki;

namespace RedPajama.Tests.Wiki;

/// <summary>
/// The cleaner against the HuggingFace wikipedia builder run on mwparserfromhell (<c>fixtures/wikipedia/golden.jsonl.gz</c>)
/// for every article page of the shared dumps: the share of equal articles, and of articles whose lines agree to a
/// ratio of at least 0.99.
/// </summary>
public sealed class WikipediaCleanerGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Articles_match_the_builder_output()
    {
        IReadOnlyList<WikiFixture.Page> pages = WikiFixture.Pages();
        var perLanguage = new SortedDictionary<string, (int Exact, int Close, int Worse)>(StringComparer.Ordinal);
        int exact = 0;
        int close = 0;
        var dump = new StringBuilder();
        foreach (WikiFixture.Page page in pages)
        {
            string? actual = WikipediaArticleCleaner.Clean(page.Wikitext, page.Language);
            double ratio = WikiFixture.LineRatio(actual, page.Golden);
            (int e, int c, int w) = perLanguage.GetValueOrDefault(page.Language);
            if (actual == page.Golden)
            {
                exact++;
                e++;
            }
            else if (ratio >= 0.99)
            {
                c++;
            }
            else
            {
                w++;
            }

            if (ratio >= 0.99)
            {
                close++;
            }

            perLanguage[page.Language] = (e, c, w);
            if (actual != page.Golden)
            {
                output.WriteLine($"{page.Language} {page.Title}: line ratio {ratio:F4}");
            }

            dump.AppendLine(JsonSerializer.Serialize(new { language = page.Language, title = page.Title, text = actual }));
        }

        foreach ((string language, (int e, int c, int w)) in perLanguage)
        {
            output.WriteLine($"{language}: exact {e}, >=0.99 {c}, worse {w}");
        }

        output.WriteLine($"all: exact {exact}/{pages.Count}, ratio >= 0.99 {close}/{pages.Count}");
        string? dumpPath = Environment.GetEnvironmentVariable("WIKI_CLEANER_OUTPUT");
        if (!string.IsNullOrEmpty(dumpPath))
        {
            File.WriteAllText(dumpPath, dump.ToString());
        }

        ((double)close / pages.Count).Should().BeGreaterThanOrEqualTo(0.95);
        ((double)exact / pages.Count).Should().BeGreaterThanOrEqualTo(0.80);
    }

    [Fact]
    public void Throughput_is_reported()
    {
        IReadOnlyList<WikiFixture.Page> pages = WikiFixture.Pages();
        long bytes = pages.Sum(page => (long)Encoding.UTF8.GetByteCount(page.Wikitext));
        foreach (WikiFixture.Page page in pages)
        {
            WikipediaArticleCleaner.Clean(page.Wikitext, page.Language);
        }

        const int Rounds = 5;
        var watch = Stopwatch.StartNew();
        for (int round = 0; round < Rounds; round++)
        {
            foreach (WikiFixture.Page page in pages)
            {
                WikipediaArticleCleaner.Clean(page.Wikitext, page.Language);
            }
        }

        double seconds = watch.Elapsed.TotalSeconds;
        output.WriteLine($"C# cleaner, 1 thread: {Rounds * pages.Count / seconds:F1} pages/s, {Rounds * bytes / seconds / 1e6:F2} MB/s of wikitext");
    }
}
