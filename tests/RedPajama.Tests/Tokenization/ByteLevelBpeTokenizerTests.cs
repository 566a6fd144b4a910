using System.Text;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tests.Tokenization;

/// <summary>
/// The GPT-NeoX-20B tokenizer's rules, each on a small case whose ids the HuggingFace tokenizers library gave
/// (npm 0.23.2): added tokens before pre-tokenisation, NFC, code-point classes, contractions, errors, threads.
/// </summary>
public sealed class ByteLevelBpeTokenizerTests
{
    private static readonly Lazy<ByteLevelBpeTokenizer> s_neox = new(() => ByteLevelBpeTokenizer.Load(ByteLevelBpeDifferentialTests.NeoxModel));

    [Theory]
    [InlineData("Hello world", new[] { 12092, 1533 })]
    [InlineData("a  b", new[] { 66, 50276, 67 })]
    [InlineData("   x", new[] { 50275, 89 })]
    [InlineData("x<|endoftext|>y", new[] { 89, 0, 90 })]
    [InlineData("a \n\n b", new[] { 66, 15267, 270 })]
    [InlineData("\u00e9 e\u0301", new[] { 860, 3974 })]
    [InlineData("", new int[0])]
    public void Encodes_as_the_tokenizers_library(string text, int[] expected)
    {
        s_neox.Value.Encode(text).Should().Equal(expected);
        s_neox.Value.CountTokens(text).Should().Be(expected.Length);
    }

    [Fact]
    public void Runs_of_spaces_longer_than_the_longest_added_token_continue_with_the_next_match()
    {
        // 24 spaces is the longest whitespace token; the 25th space joins the word after it.
        s_neox.Value.Encode("25 spaces:" + new string(' ', 25) + "x").Should().Equal(1099, 8470, 27, 50254, 1269);
    }

    [Fact]
    public void Is_thread_safe_and_deterministic()
    {
        string[] lines = ByteLevelBpeDifferentialTests.Lines(File.ReadAllBytes(ByteLevelBpeDifferentialTests.Source("prose-multilingual")));
        int[][] serial = [.. lines.Select(s_neox.Value.Encode)];
        var parallel = new int[lines.Length][];
        Parallel.For(0, lines.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = s_neox.Value.Encode(lines[i]));
        for (int i = 0; i < lines.Length; i++)
        {
            parallel[i].Should().Equal(serial[i]);
        }
    }

    [Fact]
    public void Added_tokens_of_another_file_split_words_as_the_library_does()
    {
        // The shared copy of the NeoX file carries four more special tokens (RWKV's chat tokens); the library cuts
        // "assistant" out of "assistants": the, Ġ, assistant, s, Ġof, Ġ, RWKV.
        string json = File.ReadAllText(ByteLevelBpeDifferentialTests.NeoxModel).Replace(
            "\"normalized\": true\n    }\n  ],",
            "\"normalized\": true\n    },\n    {\"id\": 50279, \"special\": true, \"content\": \"assistant\", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false},\n    {\"id\": 50280, \"special\": true, \"content\": \"RWKV\", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false}\n  ],",
            StringComparison.Ordinal);
        var tokenizer = ByteLevelBpeTokenizer.FromJson(Encoding.UTF8.GetBytes(json), "with-rwkv-tokens");
        tokenizer.Encode("the assistants of RWKV").Should().Equal(783, 209, 50279, 84, 273, 209, 50280);
    }

    [Theory]
    [InlineData("{}", "\"model\" is missing")]
    [InlineData("{\"model\": {\"type\": \"Unigram\"}}", "only BPE")]
    [InlineData("not json", "invalid JSON")]
    public void Unusable_files_are_refused_with_the_reason(string json, string reason)
    {
        Action load = () => ByteLevelBpeTokenizer.FromJson(Encoding.UTF8.GetBytes(json), "bad.json");
        load.Should().Throw<TokenizerJsonException>().Which.Message.Should().Contain("bad.json").And.Contain(reason);
    }

    [Fact]
    public void A_missing_file_is_a_tokenizer_json_exception()
    {
        Action load = () => ByteLevelBpeTokenizer.Load("/nonexistent/tokenizer.json");
        load.Should().Throw<TokenizerJsonException>();
    }
}
