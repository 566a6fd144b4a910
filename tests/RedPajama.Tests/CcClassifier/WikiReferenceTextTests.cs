using System.Text;
using System.Text.Json;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.CcClassifier;

/// <summary>
/// <c>" ".join(text.splitlines())</c> and <c>" ".join(text.strip().splitlines())</c> against CPython itself, over
/// every code point of the BMP's first 0x3100 and the edge cases of line breaks.
/// </summary>
public sealed class WikiReferenceTextTests
{
    [PythonFact]
    public void Joined_lines_equal_cpythons_for_every_line_break_and_white_space()
    {
        var texts = new List<string>
        {
            string.Empty, "\n", "\r\n", "\n\r", "a\n", "\na", "a\r\n\r\nb", "a\r\rb", " \t a \x0b b \x0c\x1c\x1d\x1e\x1f c \x85\u2028\u2029 ",
            "\u00a0x\u3000", "x\r", "\r", "\ud83d\ude00\n\ud83d\ude00", "tab\there", "a\x1fb", "a\u200bb\u200b",
        };
        var all = new StringBuilder();
        for (int c = 0; c < 0x3100; c++)
        {
            if (!char.IsSurrogate((char)c))
            {
                all.Append('a').Append((char)c).Append(' ');
            }
        }

        texts.Add(all.ToString());
        string input = string.Concat(texts.Select(t => JsonSerializer.Serialize(t) + "\n"));
        const string Script = """
            import json, sys
            for line in sys.stdin:
                t = json.loads(line)
                print(json.dumps([" ".join(t.splitlines()), " ".join(t.strip().splitlines())]))
            """;

        string[] expected = PythonReference.Run(Script, input).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        expected.Should().HaveCount(texts.Count);
        for (int i = 0; i < texts.Count; i++)
        {
            string[] pair = JsonSerializer.Deserialize<string[]>(expected[i])!;
            WikiReferenceText.ForTraining(texts[i]).Should().Be(pair[0], $"text {i}");
            WikiReferenceText.ForPrediction(texts[i]).Should().Be(pair[1], $"text {i}");
        }
    }
}
