using System.IO.Compression;
using System.Text.Json;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Wiki;

/// <summary>
/// The Wikipedia pages of <c>fixtures/wikipedia</c> (and of <c>fixtures/wikipedia-corpus</c>) and the builder's text for
/// each (<c>make_golden.py</c>).
/// </summary>
internal static class WikiFixture
{
    public sealed record Page(string Language, string Title, string Wikitext, string? Golden);

    /// <summary>The fixture folders that hold pages and their golden.</summary>
    public static readonly string[] Corpora = ["wikipedia", "wikipedia-corpus"];

    public static IReadOnlyList<Page> Pages() => Pages("wikipedia");

    public static IReadOnlyList<Page> Pages(string corpus)
    {
        List<JsonElement> pages = Lines(corpus, "pages.jsonl.gz");
        List<JsonElement> golden = Lines(corpus, "golden.jsonl.gz");
        pages.Should().HaveSameCount(golden);
        var result = new List<Page>();
        for (int i = 0; i < pages.Count; i++)
        {
            string title = pages[i].GetProperty("title").GetString()!;
            golden[i].GetProperty("title").GetString().Should().Be(title);
            JsonElement text = golden[i].GetProperty("text");
            result.Add(new Page(
                pages[i].GetProperty("language").GetString()!,
                title,
                pages[i].GetProperty("wikitext").GetString()!,
                text.ValueKind == JsonValueKind.Null ? null : text.GetString()));
        }

        return result;
    }

    private static List<JsonElement> Lines(string corpus, string name)
    {
        using var stream = new GZipStream(File.OpenRead(TestData.Fixture(Path.Combine(corpus, name))), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var rows = new List<JsonElement>();
        while (reader.ReadLine() is { } line)
        {
            rows.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return rows;
    }

    /// <summary>
    /// difflib's <c>SequenceMatcher(None, a_lines, b_lines).ratio()</c> measured with the longest common subsequence
    /// of lines (2·matches / total lines; difflib's matching blocks can only find fewer matches, so this is an upper
    /// bound that equals it on the small edits seen here).
    /// </summary>
    public static double LineRatio(string? a, string? b)
    {
        string[] x = (a ?? string.Empty).Split('\n');
        string[] y = (b ?? string.Empty).Split('\n');
        if (x.Length + y.Length == 0)
        {
            return 1;
        }

        var previous = new int[y.Length + 1];
        var current = new int[y.Length + 1];
        for (int i = 1; i <= x.Length; i++)
        {
            for (int j = 1; j <= y.Length; j++)
            {
                current[j] = x[i - 1] == y[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return 2.0 * previous[y.Length] / (x.Length + y.Length);
    }
}
