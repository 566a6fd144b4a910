using System.Text;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tests.Tokenization;

/// <summary>
/// Same input, same ids as the HuggingFace <c>tokenizers</c> library (npm 0.23.2, the Rust code) with the bundled
/// GPT-NeoX-20B tokenizer.json: every LF-separated line of the tokenisation fixtures, the mixed code fixture and the
/// NeoX edge cases, against fixtures/neox/golden (written by fixtures/neox/make-golden.mjs).
/// </summary>
public sealed class ByteLevelBpeDifferentialTests
{
    private static readonly Lazy<ByteLevelBpeTokenizer> s_neox = new(() => ByteLevelBpeTokenizer.Load(NeoxModel));

    internal static string NeoxModel => Path.Combine(AppContext.BaseDirectory, "models", "gpt-neox-20b-tokenizer.json");

    internal static string NeoxFixtures => TestData.Fixture("neox");

    public static TheoryData<string> Goldens() =>
        [.. Directory.GetFiles(Path.Combine(NeoxFixtures, "golden"), "*.ids").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Every_line_has_the_ids_of_the_tokenizers_library(string fixture)
    {
        string[] lines = Lines(File.ReadAllBytes(Source(fixture)));
        string[] expected = File.ReadAllLines(Path.Combine(NeoxFixtures, "golden", fixture + ".ids"));
        expected.Should().HaveCount(lines.Length);
        var mismatched = new List<int>();
        var ids = new List<int>();
        for (int i = 0; i < lines.Length; i++)
        {
            ids.Clear();
            s_neox.Value.Encode(lines[i].AsSpan(), ids);
            if (string.Join(' ', ids) != expected[i])
            {
                mismatched.Add(i + 1);
            }

            s_neox.Value.CountTokens(lines[i]).Should().Be(ids.Count);
        }

        mismatched.Should().BeEmpty();
    }

    [Fact]
    public void The_summary_counts_every_golden_id()
    {
        string[] rows = File.ReadAllLines(Path.Combine(NeoxFixtures, "golden", "summary.tsv"))[1..];
        rows.Should().HaveCount(Goldens().Count);
        foreach (string row in rows)
        {
            string[] fields = row.Split('\t');
            string stem = Path.GetFileNameWithoutExtension(fields[0]);
            string[] golden = File.ReadAllLines(Path.Combine(NeoxFixtures, "golden", stem + ".ids"));
            golden.Sum(l => l.Length == 0 ? 0 : l.Split(' ').Length).Should().Be(int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
            new FileInfo(Source(stem)).Length.Should().Be(long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Decoding_gives_back_every_valid_line(string fixture)
    {
        // NFC is the only change the model makes to text; beside a special token it applies to each side apart.
        foreach (string line in Lines(File.ReadAllBytes(Source(fixture))).Where(l => !l.Contains("<|endoftext|>", StringComparison.Ordinal)))
        {
            s_neox.Value.Decode(s_neox.Value.Encode(line)).Should().Be(line.Normalize(NormalizationForm.FormC));
        }
    }

    internal static string Source(string stem)
    {
        string[] candidates =
        [
            Path.Combine(NeoxFixtures, stem + ".txt"),
            Path.Combine(SentencePieceReference.TokenizationFixtures, stem + ".txt"),
            Path.Combine(SentencePieceReference.TokenizationFixtures, stem + ".bin"),
        ];
        return candidates.First(File.Exists);
    }

    /// <summary>Lines split on LF only, decoded as UTF-8 with U+FFFD for invalid bytes, as the reference script does (the bench reads them so too).</summary>
    internal static string[] Lines(byte[] bytes) => RedPajama.Udfs.Text.Utf8Lines.SplitOnLineFeed(bytes);
}
