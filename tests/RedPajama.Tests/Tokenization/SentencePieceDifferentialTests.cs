using System.Text;
using RedPajama.Cli;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tests.Tokenization;

/// <summary>
/// Same input, same output as SentencePiece 0.1.97: every line of every real-text fixture, through six models
/// (the bundled Mistral BPE and five trained here covering unigram/BPE, nmt_nfkc/nmt_nfkc_cf/identity,
/// whitespace as suffix, whitespace-only pieces, byte fallback on and off, user-defined and control symbols).
/// </summary>
public sealed class SentencePieceDifferentialTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string model in SentencePieceReference.Models)
        {
            foreach (string fixture in SentencePieceReference.Fixtures)
            {
                data.Add(Path.GetFileName(model), Path.GetFileName(fixture), "id");
                data.Add(Path.GetFileName(model), Path.GetFileName(fixture), "piece");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_line_encodes_exactly_as_spm_encode(string modelName, string fixtureName, string format)
    {
        string model = ModelPath(modelName);
        string fixture = Path.Combine(SentencePieceReference.TokenizationFixtures, fixtureName);
        string golden = Path.Combine(SentencePieceReference.TokenizationFixtures, "golden", Path.GetFileNameWithoutExtension(modelName), $"{Path.GetFileNameWithoutExtension(fixtureName)}.{format}");
        byte[] expected = File.ReadAllBytes(golden);
        if (SentencePieceReference.HasCommandLineTools)
        {
            byte[] live = SentencePieceReference.Encode(model, fixture, format);
            MismatchedLines(live, expected).Should().BeEmpty("the golden file must still be what spm_encode prints");
        }

        byte[] ours = Tokenize(SentencePieceTokenizer.Load(model), fixture, format == "id" ? TokenizeOutputFormat.Id : TokenizeOutputFormat.Piece);

        MismatchedLines(ours, expected).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Decoding_our_ids_gives_what_spm_decode_gives(string modelName)
    {
        SentencePieceReference.HasCommandLineTools.Should().BeTrue(SentencePieceReference.InstallHint);
        var tokenizer = SentencePieceTokenizer.Load(ModelPath(modelName));
        foreach (string fixture in SentencePieceReference.Fixtures)
        {
            byte[] idLines = Tokenize(tokenizer, fixture, TokenizeOutputFormat.Id);
            string[] expected = Lines(SentencePieceReference.DecodeIds(ModelPath(modelName), idLines));
            string[] ours = Lines(idLines).Select(line => tokenizer.Decode(ParseIds(line))).ToArray();

            ours.Should().Equal(expected, $"decoding {Path.GetFileName(fixture)}");
        }
    }

    [Theory]
    [InlineData("mistral-7b-v0.1-tokenizer.model")]
    [InlineData("bpe-small-identity.model")]
    public void Identity_models_with_byte_fallback_round_trip_every_valid_line(string modelName)
    {
        var tokenizer = SentencePieceTokenizer.Load(ModelPath(modelName));
        int lines = 0;
        foreach (string fixture in SentencePieceReference.Fixtures.Where(f => f.EndsWith(".txt", StringComparison.Ordinal)))
        {
            // A literal U+2581 decodes to a space in SentencePiece too: the one thing these models cannot round-trip.
            foreach (string line in Lines(File.ReadAllBytes(fixture)).Where(l => !l.Contains('\u2581', StringComparison.Ordinal)))
            {
                tokenizer.Decode(tokenizer.Encode(line)).Should().Be(line);
                lines++;
            }
        }

        lines.Should().BeGreaterThan(2000);
    }

    public static TheoryData<string> Models() => new(SentencePieceReference.Models.Select(Path.GetFileName)!);

    internal static string ModelPath(string name) =>
        SentencePieceReference.Models.Single(m => Path.GetFileName(m) == name);

    internal static byte[] Tokenize(SentencePieceTokenizer tokenizer, string file, TokenizeOutputFormat format)
    {
        using FileStream input = File.OpenRead(file);
        var output = new MemoryStream();
        TokenizeCommand.Run(tokenizer, input, output, format, addBos: false, addEos: false);
        return output.ToArray();
    }

    /// <summary>LF-split lines as spm_encode reads them (a CR stays in its line).</summary>
    internal static string[] Lines(byte[] bytes)
    {
        string text = Encoding.UTF8.GetString(bytes);
        string[] lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static int[] ParseIds(string line) =>
        line.Length == 0 ? [] : line.Split(' ').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>1-based numbers of the lines that differ (and a note when the line counts differ).</summary>
    private static List<string> MismatchedLines(byte[] actual, byte[] expected)
    {
        string[] a = Lines(actual);
        string[] e = Lines(expected);
        var mismatched = new List<string>();
        if (a.Length != e.Length)
        {
            mismatched.Add($"{a.Length} lines instead of {e.Length}");
        }

        for (int i = 0; i < Math.Min(a.Length, e.Length); i++)
        {
            if (a[i] != e[i])
            {
                mismatched.Add($"line {i + 1}: {Shorten(a[i])} != {Shorten(e[i])}");
            }
        }

        return mismatched;
    }

    private static string Shorten(string line) => line.Length > 200 ? line[..200] + "…" : line;
}
