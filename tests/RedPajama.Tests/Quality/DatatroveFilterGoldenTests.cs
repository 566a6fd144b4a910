using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RedPajama.Quality;
using RedPajama.Reading;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Quality;

namespace RedPajama.Tests.Quality;

/// <summary>
/// The Gopher and C4 signals and presets against datatrove's own filter classes (GopherRepetitionFilter,
/// GopherQualityFilter, C4QualityFilter, C4BadWordsFilter at a649de7, run unmodified by
/// fixtures/quality/make-datatrove-golden.py with the project's word and sentence tokenizer): every value a filter
/// compared with a threshold, every verdict and reason, and the text C4QualityFilter keeps.
/// </summary>
public sealed partial class DatatroveFilterGoldenTests
{
    private static readonly QualitySignalComputer s_computer = new(new QualityWordLists(QualityGolden.BadWordsDirectory));
    private static readonly QualityRuleSet s_gopher = QualityRuleSet.Preset("gopher");
    private static readonly QualityRuleSet s_c4 = QualityRuleSet.Preset("c4");
    private static readonly Dictionary<string, JsonElement> s_golden = Load();

    // documents.jsonl and the extra documents the golden script wrote into its own rows.
    private static readonly Dictionary<string, (string Text, string Language)> s_documents = LoadDocuments();

    // Rule names of each datatrove filter: the presets use datatrove's reasons.
    private static readonly HashSet<string> s_repetitionRules = new(StringComparer.Ordinal)
    {
        "dup_para_frac", "dup_para_char_frac", "dup_line_frac", "dup_line_char_frac", "top_2_gram", "top_3_gram", "top_4_gram",
        "duplicated_5_n_grams", "duplicated_6_n_grams", "duplicated_7_n_grams", "duplicated_8_n_grams", "duplicated_9_n_grams", "duplicated_10_n_grams",
    };

    private static readonly HashSet<string> s_c4QualityRules = new(StringComparer.Ordinal) { "lorem_ipsum", "curly_bracket", "too_few_sentences" };

    public static TheoryData<string> DocumentIds()
    {
        var data = new TheoryData<string>();
        foreach (string id in s_documents.Keys)
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void GoldenCoversEveryDocument()
    {
        s_golden.Keys.Should().Contain(QualityGolden.Documents.Select(d => d.Id));
        s_golden.Count.Should().Be(s_documents.Count);
    }

    [Theory]
    [MemberData(nameof(DocumentIds))]
    public void ValuesEqualWhatDatatroveCompared(string id) => ValueMismatches(id).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(DocumentIds))]
    public void VerdictsEqualDatatroveFilters(string id) => VerdictMismatches(id).Should().BeEmpty();

    [Fact]
    public void PresetOrderIsDatatrovePipelineOrder()
    {
        // datatrove's pipelines (examples/fineweb.py, process_common_crawl_dump.py) run GopherRepetitionFilter before
        // GopherQualityFilter; C4BadWordsFilter is a separate filter after C4QualityFilter.
        int lastRepetition = s_gopher.Rules.FindLastIndex(r => s_repetitionRules.Contains(r.Name));
        int firstQuality = s_gopher.Rules.FindIndex(r => !s_repetitionRules.Contains(r.Name));
        lastRepetition.Should().BeLessThan(firstQuality);
        s_c4.Rules[^1].Name.Should().Be("document_removed_with_badwords");
    }

    /// <summary>Each value datatrove compared with a threshold against the signal the preset's rule of that name reads.</summary>
    internal static List<string> ValueMismatches(string id)
    {
        (string text, string language) = s_documents[id];
        QualitySignalValues values = s_computer.Compute(text, language);
        JsonElement golden = s_golden[id];
        var mismatches = new List<string>();
        foreach ((string filter, QualityRuleSet set) in new[] { ("gopher_repetition", s_gopher), ("gopher_quality", s_gopher), ("c4_quality", s_c4) })
        {
            foreach (JsonProperty value in golden.GetProperty(filter).GetProperty("values").EnumerateObject())
            {
                if (value.Name == "error")
                {
                    continue;
                }

                QualityRule rule = set.Rules.Single(r => r.Name == value.Name);
                double? actual = values.Get(rule.Signal);
                double? expected = value.Value.ValueKind == JsonValueKind.String ? null : PythonRound8(value.Value.GetDouble());
                if (actual != expected)
                {
                    mismatches.Add($"{value.Name} ({rule.Signal}): {Show(actual)}, datatrove {Show(expected)}");
                }
            }
        }

        return mismatches;
    }

    /// <summary>The presets' verdicts, per datatrove filter, and the lines C4 keeps.</summary>
    internal static List<string> VerdictMismatches(string id)
    {
        (string text, string language) = s_documents[id];
        QualitySignalValues values = s_computer.Compute(text, language);
        JsonElement golden = s_golden[id];
        var mismatches = new List<string>();
        Check("gopher_repetition", Verdict(s_gopher, values, s_repetitionRules.Contains));
        Check("gopher_quality", Verdict(s_gopher, values, r => !s_repetitionRules.Contains(r)));
        Check("c4_quality", Verdict(s_c4, values, s_c4QualityRules.Contains));
        Check("c4_badwords", Verdict(s_c4, values, r => !s_c4QualityRules.Contains(r)));

        JsonElement keptText = golden.GetProperty("c4_quality").GetProperty("text");
        if (keptText.ValueKind == JsonValueKind.String)
        {
            string expected = JsonStrings.Unescape(Encoding.UTF8.GetBytes(keptText.GetRawText()[1..^1]));
            string actual = C4KeptText(text, values.GetLines("c4_lines_kept")!);
            if (actual != expected)
            {
                mismatches.Add($"c4 kept text differs: {actual.Length} chars, datatrove {expected.Length}");
            }
        }

        return mismatches;

        void Check(string filter, string actual)
        {
            JsonElement verdict = golden.GetProperty(filter).GetProperty("verdict");
            string expected = verdict.ValueKind == JsonValueKind.String
                ? verdict.GetString()!
                : "keep"; // datatrove raised (ZeroDivisionError on an empty text); the project keeps a null
            if (verdict.ValueKind != JsonValueKind.String)
            {
                verdict.GetProperty("error").GetString().Should().StartWith("ZeroDivisionError");
                text.Should().BeEmpty();
            }

            if (actual != expected)
            {
                mismatches.Add($"{filter}: {actual}, datatrove {expected}");
            }
        }
    }

    private static string Verdict(QualityRuleSet preset, QualitySignalValues values, Func<string, bool> include)
    {
        var subset = new QualityRuleSet { Rules = [.. preset.Rules.Where(r => include(r.Name))] };
        return subset.FirstFailure(values, "web")?.Name ?? "keep";
    }

    // datatrove: each kept line stripped, citations removed, joined by "\n", the whole stripped.
    private static string C4KeptText(string text, LineSignalValues lines)
    {
        var kept = new List<string>();
        int[] utf16 = Utf16Offsets(text);
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines.Values[i] == 1.0)
            {
                string line = text[utf16[lines.Starts[i]]..utf16[lines.Ends[i]]];
                kept.Add(Citation().Replace(PythonStrip(line), string.Empty));
            }
        }

        return PythonStrip(string.Join('\n', kept));
    }

    // Code-point offset -> UTF-16 offset (the spans are Python offsets; a lone surrogate is one code point).
    private static int[] Utf16Offsets(string text)
    {
        var offsets = new List<int>();
        for (int i = 0; i < text.Length; i++)
        {
            offsets.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        offsets.Add(text.Length);
        return [.. offsets];
    }

    private static string PythonStrip(string s)
    {
        int start = 0;
        int end = s.Length;
        while (start < end && IsPythonSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsPythonSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];

        static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';
    }

    // Python round(x, 8) as the project implements it (tested against CPython in PythonSemanticsTests).
    private static double PythonRound8(double x) => PythonRounding.Round8(x);

    private static string Show(double? x) => x?.ToString("R", CultureInfo.InvariantCulture) ?? "null";

    private static Dictionary<string, (string, string)> LoadDocuments()
    {
        var documents = QualityGolden.Documents.ToDictionary(d => d.Id, d => (d.Text, d.Language), StringComparer.Ordinal);
        foreach ((string id, JsonElement row) in s_golden)
        {
            if (row.TryGetProperty("text", out JsonElement text))
            {
                documents.Add(id, (JsonStrings.Unescape(Encoding.UTF8.GetBytes(text.GetRawText()[1..^1])), row.GetProperty("language").GetString()!));
            }
        }

        return documents;
    }

    private static Dictionary<string, JsonElement> Load()
    {
        var golden = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(TestData.Fixture("quality/golden/datatrove-filters.jsonl")))
        {
            JsonElement root = JsonDocument.Parse(line).RootElement;
            golden[root.GetProperty("id").GetString()!] = root.Clone();
        }

        return golden;
    }

    [GeneratedRegex(@"\[\d*]|\[edit]|\[citation needed]")]
    private static partial Regex Citation();
}
