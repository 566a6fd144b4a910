using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Quality;

/// <summary>
/// Same input, same output as upstream: every signal of every fixture document against the values RedPajama-V2's own
/// classes and datatrove's own helpers produced (fixtures/quality/make-golden.py), compared exactly.
/// </summary>
public sealed class QualitySignalDifferentialTests
{
    private static readonly QualitySignalComputer s_computer = new(new QualityWordLists(QualityGolden.BadWordsDirectory));

    public static TheoryData<string> DocumentIds()
    {
        var data = new TheoryData<string>();
        foreach ((string id, _, _) in QualityGolden.Documents)
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentIds))]
    public void RedPajamaV2SignalsEqualUpstreamClasses(string id)
    {
        (_, string text, string language) = QualityGolden.Document(id);
        QualitySignalValues values = s_computer.Compute(text, language);
        var mismatches = new List<string>();
        foreach ((string name, JsonElement golden) in QualityGolden.RedPajamaV2[id])
        {
            if (golden.ValueKind == JsonValueKind.Object)
            {
                // Upstream raised (a language without a stop-word list); this project gives null instead.
                values.Get(name).Should().BeNull($"{name} has no list for '{language}'");
                continue;
            }

            SignalDefinition definition = SignalCatalog.TryGet(name, out SignalDefinition? d) ? d : throw new InvalidOperationException(name);
            if (definition.Needs == LanguageResourceKind.BadWords && !File.Exists(Path.Combine(QualityGolden.BadWordsDirectory, language)))
            {
                // Upstream counts against an empty list (0) where LDNOOBW has no file; this project says null (unknown).
                golden.EnumerateArray().Single()[2].GetDouble().Should().Be(0);
                values.Get(name).Should().BeNull();
                continue;
            }

            if (definition.Level == SignalLevel.Document)
            {
                JsonElement span = golden.EnumerateArray().Single();
                Compare(mismatches, name, span[2], values.Get(name));
                long end = span[1].GetInt64();
                end.Should().Be(PythonLength(text), "the document span covers the text in code points");
            }
            else
            {
                LineSignalValues lines = values.GetLines(name)!;
                JsonElement[] spans = [.. golden.EnumerateArray()];
                if (lines.Count != spans.Length)
                {
                    mismatches.Add($"{name}: {lines.Count} spans, upstream {spans.Length}");
                    continue;
                }

                for (int i = 0; i < spans.Length; i++)
                {
                    if (spans[i][0].GetInt64() != lines.Starts[i] || spans[i][1].GetInt64() != lines.Ends[i])
                    {
                        mismatches.Add($"{name}[{i}]: span ({lines.Starts[i]}, {lines.Ends[i]}), upstream ({spans[i][0]}, {spans[i][1]})");
                    }

                    Compare(mismatches, $"{name}[{i}]", spans[i][2], double.IsNaN(lines.Values[i]) ? null : lines.Values[i]);
                }
            }
        }

        mismatches.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(DocumentIds))]
    public void GopherAndC4SignalsEqualDatatroveDefinitions(string id)
    {
        (_, string text, string language) = QualityGolden.Document(id);
        QualitySignalValues values = s_computer.Compute(text, language);
        var mismatches = new List<string>();
        foreach ((string name, JsonElement golden) in QualityGolden.GopherC4[id])
        {
            if (name == "c4_lines_kept")
            {
                LineSignalValues lines = values.GetLines(name)!;
                JsonElement[] spans = [.. golden.EnumerateArray()];
                lines.Count.Should().Be(spans.Length, "one span per splitlines() line");
                for (int i = 0; i < spans.Length; i++)
                {
                    (lines.Starts[i], lines.Ends[i], lines.Values[i]).Should().Be((spans[i][0].GetInt64(), spans[i][1].GetInt64(), spans[i][2].GetDouble()), $"{name}[{i}]");
                }

                continue;
            }

            Compare(mismatches, name, golden, values.Get(name));
        }

        mismatches.Should().BeEmpty();
    }

    private static void Compare(List<string> mismatches, string name, JsonElement expected, double? actual)
    {
        double? wanted = expected.ValueKind == JsonValueKind.Null ? null : expected.GetDouble();
        if (wanted != actual)
        {
            mismatches.Add($"{name}: {actual?.ToString("R", CultureInfo.InvariantCulture) ?? "null"}, upstream {wanted?.ToString("R", CultureInfo.InvariantCulture) ?? "null"}");
        }
    }

    // Rune enumeration yields one rune per code point and one U+FFFD per lone surrogate: Python's len().
    private static long PythonLength(string text) => text.EnumerateRunes().Count();
}
