using System.Text;
using RedPajama.Cli;
using RedPajama.Tests.Support;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tests.Tokenization;

public sealed class SentencePieceTokenizerTests
{
    private static readonly SentencePieceTokenizer Mistral = SentencePieceTokenizer.Load(SentencePieceReference.MistralModel);

    [Fact]
    public void The_bundled_model_reads_as_the_LLaMA_recipe()
    {
        Mistral.VocabularySize.Should().Be(32000);
        Mistral.Settings.Should().Be(new SentencePieceSettings(
            SentencePieceModelType.Bpe, "identity", AddDummyPrefix: true, RemoveExtraWhitespaces: false, EscapeWhitespaces: true,
            TreatWhitespaceAsSuffix: false, SplitDigits: true, ByteFallback: true, HasDenormalizer: false));
        (Mistral.UnknownId, Mistral.BosId, Mistral.EosId, Mistral.PadId).Should().Be((0, 1, 2, -1));
        Mistral.IdToPiece(1).Should().Be("<s>");
        Mistral.GetPieceKind(3).Should().Be(PieceKind.Byte);
        Mistral.PieceToId("<0x0A>").Should().Be(13);
        Mistral.PieceToId("no-such-piece-here").Should().Be(Mistral.UnknownId);
    }

    [Fact]
    public void Ids_pieces_and_counts_agree_on_every_api()
    {
        string text = File.ReadAllText(TestData.Book("1952-0.txt"));

        int[] ids = Mistral.Encode(text);
        var appended = new List<int> { -7 };
        Mistral.EncodeUtf8(Encoding.UTF8.GetBytes(text), appended);
        IReadOnlyList<string> pieces = Mistral.EncodeToPieces(text);

        appended.Skip(1).Should().Equal(ids);
        Mistral.CountTokens(text).Should().Be(ids.Length);
        pieces.Select(Mistral.PieceToId).Should().Equal(ids);
        Mistral.Decode(ids).Should().Be(text);
    }

    [Theory]
    [InlineData(true, false, "bos")]
    [InlineData(false, true, "eos")]
    [InlineData(true, true, "bos:eos")]
    public void Bos_and_eos_match_spm_encode_extra_options(bool addBos, bool addEos, string extraOptions)
    {
        SentencePieceReference.HasCommandLineTools.Should().BeTrue(SentencePieceReference.InstallHint);
        string fixture = Path.Combine(SentencePieceReference.TokenizationFixtures, "edge-cases.txt");
        foreach (string model in SentencePieceReference.Models)
        {
            var tokenizer = SentencePieceTokenizer.Load(model);
            foreach ((string format, TokenizeOutputFormat ours) in new[] { ("id", TokenizeOutputFormat.Id), ("piece", TokenizeOutputFormat.Piece) })
            {
                using FileStream input = File.OpenRead(fixture);
                var output = new MemoryStream();
                TokenizeCommand.Run(tokenizer, input, output, ours, addBos, addEos);

                output.ToArray().Should().Equal(SentencePieceReference.Encode(model, fixture, format, extraOptions), $"{Path.GetFileName(model)} {format}");
            }
        }
    }

    [Fact]
    public void Count_with_bos_and_eos_adds_them()
    {
        Mistral.Encode("Hello world", addBos: true, addEos: true).Should().Equal([1, .. Mistral.Encode("Hello world"), 2]);
    }

    [Fact]
    public void Many_threads_share_one_tokenizer_and_get_the_sequential_answer()
    {
        string[] lines = SentencePieceDifferentialTests.Lines(File.ReadAllBytes(Path.Combine(SentencePieceReference.TokenizationFixtures, "code.txt")))
            .Concat(SentencePieceDifferentialTests.Lines(File.ReadAllBytes(Path.Combine(SentencePieceReference.TokenizationFixtures, "prose-multilingual.txt"))))
            .ToArray();
        var fresh = SentencePieceTokenizer.Load(SentencePieceReference.MistralModel);
        int[][] sequential = lines.Select(l => fresh.Encode(l)).ToArray();

        int[][] parallel = new int[lines.Length][];
        Parallel.For(0, lines.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i % lines.Length] = Mistral.Encode(lines[i % lines.Length]));

        parallel.Should().BeEquivalentTo(sequential, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Invalid_utf8_becomes_one_replacement_character_per_bad_byte_as_in_sentencepiece()
    {
        byte[] text = [(byte)'a', 0xFF, (byte)' ', (byte)'b', 0xC0, 0xAF];

        var pieces = new List<string>();
        Mistral.EncodeUtf8ToPieces(text, pieces);

        // 0xFF alone and the overlong pair C0 AF are malformed: U+FFFD for each byte, which Mistral has as a piece.
        pieces.Should().Equal("▁a", "\uFFFD", "▁b", "\uFFFD", "\uFFFD");
    }

    [Fact]
    public void Unknown_runs_merge_into_one_unknown_piece_without_byte_fallback()
    {
        var tokenizer = SentencePieceTokenizer.Load(SentencePieceDifferentialTests.ModelPath("bpe-nmt-nfkc-cf.model"));

        int[] ids = tokenizer.Encode("ok ᏣᎳᎩ ok");

        ids.Count(id => id == tokenizer.UnknownId).Should().Be(1);
        tokenizer.Decode(ids).Should().Be("ok  \u2047  ok", "the unknown surface is \" ⁇ \"");
    }
}
