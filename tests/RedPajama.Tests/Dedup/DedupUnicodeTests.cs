using System.Globalization;
using System.Text;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Dedup;

namespace RedPajama.Tests.Dedup;

/// <summary>
/// CCNet's line hash and the book SimHash on every code point, against the same rules run by live CPython: their
/// lower-casing, <c>\d</c>, <c>\w</c> and <c>strip()</c> must be Python's, not the .NET runtime's.
/// </summary>
public sealed class DedupUnicodeTests
{
    [PythonFact]
    public void Line_hash_and_simhash_match_python_on_lines_covering_every_code_point()
    {
        byte[] output = ExternalTool.Run(PythonFactAttribute.Interpreter, [TestData.Fixture("dedup/python-dedup-unicode.py")], []);
        var mismatches = new List<string>();
        int lines = 0;
        foreach (string row in Encoding.UTF8.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = row.Split(' ');
            int start = int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            string line = Line(start);
            lines++;
            if (CcnetLineHash.Of(line) != ulong.Parse(fields[1], CultureInfo.InvariantCulture))
            {
                mismatches.Add($"ccnet U+{start:X4}..: normalised to {Escape(CcnetLineHash.Normalize(line))}");
            }

            if (SimHasher.Fingerprint(line) != ulong.Parse(fields[2], CultureInfo.InvariantCulture))
            {
                mismatches.Add($"simhash U+{start:X4}..");
            }
        }

        lines.Should().Be((0x110000 - 0x800) / 64);
        string.Join('\n', mismatches).Should().BeEmpty();
    }

    // The script's line: 64 code points from start, each followed by "x", between two spaces.
    private static string Line(int start)
    {
        var line = new StringBuilder(" ");
        for (int cp = start; cp < start + 64; cp++)
        {
            line.Append(char.ConvertFromUtf32(cp)).Append('x');
        }

        return line.Append(' ').ToString();
    }

    private static string Escape(string text) =>
        string.Concat(text.EnumerateRunes().Select(r => r.Value is > 0x20 and < 0x7F ? ((char)r.Value).ToString() : $"\\u{r.Value:X4}"));
}
