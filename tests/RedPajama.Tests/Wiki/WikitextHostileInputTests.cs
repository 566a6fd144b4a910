using System.Diagnostics;
using System.Text;
using RedPajama.Udfs.Wiki;

namespace RedPajama.Tests.Wiki;

/// <summary>
/// Hostile wikitext: markup nested 10,000 deep, unbalanced and unclosed markup repeated, a multi-megabyte page. The
/// cleaner must finish (no stack overflow: nesting beyond 40 levels is text, as in mwparserfromhell) in bounded time.
/// </summary>
public sealed class WikitextHostileInputTests
{
    private const int Deep = 10_000;

    public static TheoryData<string, string> Inputs()
    {
        return new TheoryData<string, string>
        {
            { "templates", Repeat("{{a|", Deep) + "x" + Repeat("}}", Deep) },
            { "unclosed templates", Repeat("{{a|", Deep) + "x" },
            { "arguments", Repeat("{{{a|", Deep) + "x" + Repeat("}}}", Deep) },
            { "tables", Repeat("{|\n|\n", Deep) + "x" + Repeat("\n|}", Deep) },
            { "tags", Repeat("<div>", Deep) + "x" + Repeat("</div>", Deep) },
            { "refs", Repeat("<ref>", Deep) + "x" + Repeat("</ref>", Deep) },
            { "wikilinks", Repeat("[[", Deep) + "x" + Repeat("]]", Deep) },
            { "link texts", Repeat("[[a|", Deep) + "x" + Repeat("]]", Deep) },
            { "italics", Repeat("''a ", Deep) },
            { "bold italics", Repeat("'''''a ''", Deep) },
            { "heading closures", Repeat("=a", Deep * 5) + "\n" },
            { "unclosed comments", Repeat("<!-- a ", Deep * 5) },
            { "unclosed external links", Repeat("[http://x ", Deep * 5) },
            { "mixed unclosed", Repeat("{{a|[[b|''c <ref>d {| e\n", Deep * 2) },
            { "close tags", Repeat("</div></br></ref>", Deep) },
            { "entities", Repeat("&amp;&#x;&#99999999999999999999;&", Deep) },
        };
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Hostile_input_finishes(string name, string wikitext)
    {
        var watch = Stopwatch.StartNew();
        string? text = WikipediaArticleCleaner.Clean(wikitext, "en");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), name);
        (text?.Length ?? 0).Should().BeLessThanOrEqualTo(wikitext.Length, name);
    }

    [Fact]
    public void Deeply_nested_templates_leave_only_text_beyond_the_nesting_limit()
    {
        string wikitext = Repeat("{{a|", Deep) + "x" + Repeat("}}", Deep);
        string? text = WikipediaArticleCleaner.Clean(wikitext, "en");
        text.Should().NotBeNull().And.NotContain("x}}}}{{a");
    }

    [Fact]
    public void A_page_of_several_megabytes_finishes()
    {
        IReadOnlyList<WikiFixture.Page> pages = WikiFixture.Pages();
        var builder = new StringBuilder();
        while (builder.Length < 4_000_000)
        {
            foreach (WikiFixture.Page page in pages)
            {
                builder.Append(page.Wikitext).Append('\n');
            }
        }

        var watch = Stopwatch.StartNew();
        string? text = WikipediaArticleCleaner.Clean(builder.ToString(), "en");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(120));
        text.Should().NotBeNullOrEmpty();
    }

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();
}
