using RedPajama.Tests.Support;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tests.Tokenization;

/// <summary>A corrupt or unsupported model file gives an error naming the file and what is wrong.</summary>
public sealed class SentencePieceModelErrorTests
{
    private static byte[] Mistral => File.ReadAllBytes(SentencePieceReference.MistralModel);

    [Fact]
    public void A_missing_file_is_named()
    {
        Action load = () => SentencePieceTokenizer.Load("/nonexistent/tokenizer.model");

        load.Should().Throw<SentencePieceModelException>().Which.Message.Should().Contain("/nonexistent/tokenizer.model");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(250_000)]
    [InlineData(493_000)]
    public void A_truncated_model_is_rejected(int length)
    {
        Action load = () => SentencePieceTokenizer.FromBytes(Mistral.AsSpan(0, length), "cut.model");

        load.Should().Throw<SentencePieceModelException>()
            .Which.Message.Should().StartWith("cut.model: not a usable SentencePiece model: ").And.MatchRegex("runs past the end|truncated");
    }

    [Fact]
    public void A_text_file_is_not_a_model()
    {
        Action load = () => SentencePieceTokenizer.FromBytes(File.ReadAllBytes(TestData.Book("1952-0.txt")), "book.txt");

        load.Should().Throw<SentencePieceModelException>().Which.ModelName.Should().Be("book.txt");
    }

    [Fact]
    public void A_model_without_pieces_is_rejected()
    {
        Action load = () => SentencePieceTokenizer.FromBytes([], "empty.model");

        load.Should().Throw<SentencePieceModelException>().Which.Problem.Should().Be("the model has no pieces");
    }

    [Fact]
    public void Word_and_char_models_are_reported_as_unsupported()
    {
        // trainer_spec (field 2) holding model_type (field 3) = WORD (3).
        byte[] model = [.. Mistral, 0x12, 0x02, 0x18, 0x03];

        Action load = () => SentencePieceTokenizer.FromBytes(model, "word.model");

        load.Should().Throw<SentencePieceModelException>().Which.Problem.Should().Contain("Word is not supported");
    }

    [Fact]
    public void A_byte_piece_without_byte_fallback_is_rejected_as_sentencepiece_does()
    {
        // A later trainer_spec with byte_fallback (field 35) = false replaces the flag, as protobuf merging does.
        byte[] model = [.. Mistral, 0x12, 0x03, 0x98, 0x02, 0x00];

        Action load = () => SentencePieceTokenizer.FromBytes(model, "m.model");

        load.Should().Throw<SentencePieceModelException>().Which.Problem.Should().Contain("byte_fallback is false");
    }

    [Fact]
    public void A_corrupt_charsmap_is_rejected_at_load()
    {
        // normalizer_spec (field 3) whose precompiled_charsmap (field 2) claims a 255-byte trie in 6 bytes.
        byte[] model = [.. Mistral, 0x1A, 0x08, 0x12, 0x06, 0xFF, 0x00, 0x00, 0x00, 0x01, 0x02];

        Action load = () => SentencePieceTokenizer.FromBytes(model, "m.model");

        load.Should().Throw<SentencePieceModelException>().Which.Problem.Should().Contain("charsmap");
    }
}
