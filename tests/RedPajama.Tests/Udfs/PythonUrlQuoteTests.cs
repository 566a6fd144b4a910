using System.Text.Json;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Text;

namespace RedPajama.Tests.Udfs;

/// <summary><see cref="PythonUrlQuote"/> against CPython's own <c>urllib.parse.quote</c> (RedPajama's Wikipedia URLs).</summary>
public sealed class PythonUrlQuoteTests
{
    private static readonly string[] Titles =
    [
        "Berlin", "Albert Einstein", "C++", "AC/DC", "100% (song)", "Ça ira", "Sofia (Со̀фия)", "東京都", "Emoji 😀 title",
        "Question?", "Hash#tag", "Tilde~under_score.dot-dash", "a+b=c&d", "quote\"and'apostrophe", "Ångström", "Straße", "",
    ];

    [Theory]
    [InlineData("Albert Einstein", "Albert%20Einstein")]
    [InlineData("AC/DC", "AC/DC")]
    [InlineData("Ça ira", "%C3%87a%20ira")]
    [InlineData("a~b_c.d-e", "a~b_c.d-e")]
    public void Quotes_as_python_does(string title, string expected) => PythonUrlQuote.Quote(title).Should().Be(expected);

    [PythonFact]
    public void Every_title_quotes_as_cpython_quotes_it()
    {
        string output = PythonReference.Run(
            "import json, sys, urllib.parse\nprint(json.dumps([urllib.parse.quote(t) for t in json.load(sys.stdin)]))",
            JsonSerializer.Serialize(Titles));

        string[] expected = JsonSerializer.Deserialize<string[]>(output)!;
        Titles.Select(t => PythonUrlQuote.Quote(t)).Should().Equal(expected);
    }
}
