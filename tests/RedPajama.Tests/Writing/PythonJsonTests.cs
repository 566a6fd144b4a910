using System.Globalization;
using System.Text;
using System.Text.Json;
using RedPajama.Tests.Support;
using RedPajama.Writing;

namespace RedPajama.Tests.Writing;

/// <summary>Differential tests against CPython's json.dumps, which every RedPajama v1 script used.</summary>
public sealed class PythonJsonTests
{
    [Fact]
    public void Strings_are_escaped_exactly_as_python_json_dumps_escapes_them()
    {
        string[] samples =
        [
            "plain ascii",
            "quote \" backslash \\ slash / tab \t newline \n return \r",
            "controls \u0000 \u0001 \u0008 \u000C \u001F del \u007F c1 \u0085 nbsp \u00A0",
            "accents café naïve Ærøskøbing ĳ",
            "cjk 中文 and emoji 😀 🇫🇷 and astral 𝔘",
            "line separators \u2028 \u2029 bom \uFEFF",
            File.ReadAllText(TestData.Book("fr-Candide.txt"))[..5000],
        ];
        // Python reads the strings from JSON made by System.Text.Json, then prints json.dumps of each.
        string input = string.Join('\n', samples.Select(s => JsonSerializer.Serialize(s)));
        string[] expected = PythonReference.Run(
            "import sys, json\nfor line in sys.stdin.read().split('\\n'):\n    print(json.dumps(json.loads(line)))",
            input).TrimEnd('\n').Split('\n');

        for (int i = 0; i < samples.Length; i++)
        {
            var actual = new StringBuilder();
            PythonJson.WriteString(actual, samples[i]);
            actual.ToString().Should().Be(expected[i], $"sample {i}");
        }
    }

    [Fact]
    public void Floats_are_formatted_as_python_repr()
    {
        double[] samples =
        [
            0.0, -0.0, 1.0, -1.5, 0.1, 0.25, 1.0 / 3, 2.0 / 3, 123456789.0, 1e15, 1e16, 1.5e16, 12345678901234567890.0,
            1e-4, 1e-5, 0.00012345, 1.2345e-7, 5e-324, double.MaxValue, double.MinValue, 3.14159, 100.0, 1e22, 0.30000000000000004,
        ];
        string input = string.Join('\n', samples.Select(d => d.ToString("R", CultureInfo.InvariantCulture)));
        string[] expected = PythonReference.Run(
            "import sys, json\nfor line in sys.stdin.read().split('\\n'):\n    print(json.dumps(float(line)))",
            input).TrimEnd('\n').Split('\n');

        samples.Select(PythonJson.FormatFloat).Should().Equal(expected);
    }

    [Fact]
    public void A_books_record_is_byte_identical_to_python_json_dumps_of_the_same_dict()
    {
        string text = File.ReadAllText(TestData.Book("11-0.txt"))[..3000];
        var document = new RedPajama.Documents.Document(new RedPajama.Documents.OrderKey(0, 0), RedPajama.Sources.Books.BookMeta.Schema.Count) { Text = text };
        document.Meta[0] = "Alice’s Adventures";
        document.Meta[1] = 1865L;
        document.Meta[2] = "http://www.gutenberg.org/ebooks/11";
        var line = new StringBuilder();
        JsonlDocumentWriter.Format(line, document, RedPajama.Sources.Books.BookMeta.Schema, RedPajama.Pipeline.JsonLayout.MetaThenText);

        // RedPajama data_prep/book/dedup.py: {"meta": {every field but text}, "text": text}.
        string expected = PythonReference.Run(
            "import sys, json\nrow = json.loads(sys.stdin.read())\nprint(json.dumps({'meta': {k: v for k, v in row.items() if k != 'text'}, 'text': row['text']}), end='')",
            JsonSerializer.Serialize(new Dictionary<string, object> { ["short_book_title"] = "Alice’s Adventures", ["publication_date"] = 1865, ["url"] = "http://www.gutenberg.org/ebooks/11", ["text"] = text }));

        line.ToString().Should().Be(expected);
    }
}
