using System.Globalization;
using System.Text;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Quality;

/// <summary>
/// <see cref="PythonText"/> against CPython itself: every code point 0..0x10FFFF for every predicate upstream's rules
/// use (live, when /usr/bin/python3 exists), and a committed snapshot of tricky code points (everywhere).
/// </summary>
public sealed class PythonUnicodeTests
{
    private const int LastCodePoint = 0x10FFFF;

    [PythonFact]
    public void Every_code_point_matches_live_cpython_for_every_predicate_and_lower()
    {
        string dump = RunDump();

        // "version 3.11.2 14.0.0": another Unicode version (another Python minor) is not the reference the tables pin.
        string[] version = dump[..dump.IndexOf('\n', StringComparison.Ordinal)].Split(' ');
        version[2].Should().Be(PythonText.UnicodeVersion, $"the tables follow Python {PythonText.PythonVersion}'s Unicode; /usr/bin/python3 is {version[1]}");
        var mismatches = new List<string>();
        int predicates = 0;
        foreach (string line in dump.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("lower ", StringComparison.Ordinal) && !l.StartsWith("version ", StringComparison.Ordinal)))
        {
            string[] fields = line.Split(' ');
            Func<int, bool> predicate = PythonUnicodePredicates.All[fields[0]];
            bool[] expected = Expand(fields[1]);
            predicates++;
            int wrong = 0;
            var examples = new List<string>();
            for (int cp = 0; cp <= LastCodePoint; cp++)
            {
                if (predicate(cp) != expected[cp])
                {
                    wrong++;
                    if (examples.Count < 8)
                    {
                        examples.Add($"U+{cp:X4}={expected[cp]}");
                    }
                }
            }

            if (wrong > 0)
            {
                mismatches.Add($"{fields[0]}: {wrong} code points differ, e.g. {string.Join(", ", examples)}");
            }
        }

        var lowers = new Dictionary<int, string>();
        foreach (string line in dump.Split('\n').Where(l => l.StartsWith("lower ", StringComparison.Ordinal)))
        {
            string[] fields = line.Split(' ', 3);
            lowers[int.Parse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = fields[2];
        }

        int lowerWrong = 0;
        var lowerExamples = new List<string>();
        for (int cp = 0; cp <= LastCodePoint; cp++)
        {
            string expected = lowers.TryGetValue(cp, out string? mapped) ? mapped : cp.ToString("x", CultureInfo.InvariantCulture);
            string actual = PythonUnicodePredicates.LowerHex(cp);
            if (actual != expected)
            {
                lowerWrong++;
                if (lowerExamples.Count < 8)
                {
                    lowerExamples.Add($"U+{cp:X4}->{expected} (got {actual})");
                }
            }
        }

        if (lowerWrong > 0)
        {
            mismatches.Add($"lower: {lowerWrong} code points differ, e.g. {string.Join(", ", lowerExamples)}");
        }

        predicates.Should().Be(PythonUnicodePredicates.All.Count, "the dump covers every predicate");
        string.Join('\n', mismatches).Should().BeEmpty();
    }

    [Fact]
    public void Tables_follow_python_3_11_and_unicode_14_as_redpajama_v2_ran()
    {
        // RedPajama-V2's Dockerfile is FROM python:3.11.5; every CPython 3.11 has unicodedata 14.0.0.
        PythonText.UnicodeVersion.Should().Be("14.0.0");
        PythonText.PythonVersion.Should().StartWith("3.11.");
    }

    [Fact]
    public void Snapshot_of_tricky_code_points_matches_cpython_3_11()
    {
        // python-unicode-snapshot.tsv: python-unicode-dump.py --snapshot under CPython 3.11.2 (Unicode 14.0.0).
        string[] lines = [.. File.ReadLines(TestData.Fixture("quality/python-unicode-snapshot.tsv")).Where(l => !l.StartsWith('#'))];
        string[] header = lines[0].Split('\t');
        var mismatches = new List<string>();
        foreach (string line in lines.Skip(1))
        {
            string[] fields = line.Split('\t');
            int cp = int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            for (int i = 1; i < header.Length - 1; i++)
            {
                if (PythonUnicodePredicates.All[header[i]](cp) != (fields[i] == "1"))
                {
                    mismatches.Add($"U+{cp:X4} {header[i]}: Python says {fields[i]}");
                }
            }

            if (PythonUnicodePredicates.LowerHex(cp) != fields[^1])
            {
                mismatches.Add($"U+{cp:X4} lower: Python says {fields[^1]}, got {PythonUnicodePredicates.LowerHex(cp)}");
            }
        }

        lines.Length.Should().BeGreaterThan(300);
        string.Join('\n', mismatches).Should().BeEmpty();
    }

    private static string RunDump()
    {
        byte[] output = ExternalTool.Run(PythonFactAttribute.Interpreter, [TestData.Fixture("quality/python-unicode-dump.py")], []);
        return Encoding.UTF8.GetString(output);
    }

    private static bool[] Expand(string ranges)
    {
        var set = new bool[LastCodePoint + 1];
        if (ranges == "-")
        {
            return set;
        }

        foreach (string range in ranges.Split(','))
        {
            string[] ends = range.Split('-');
            int first = int.Parse(ends[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int last = int.Parse(ends[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Array.Fill(set, true, first, last - first + 1);
        }

        return set;
    }
}
