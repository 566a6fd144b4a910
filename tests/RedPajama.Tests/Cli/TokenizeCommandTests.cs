using RedPajama.Cli;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Cli;

public sealed class TokenizeCommandTests
{
    [Fact]
    public async Task Bench_tokenizer_compares_with_spm_encode_and_finds_no_mismatch()
    {
        SentencePieceReference.HasCommandLineTools.Should().BeTrue(SentencePieceReference.InstallHint);
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await RedPajamaCommand.InvokeAsync(
            ["bench-tokenizer", "--input", TestData.Fixture("tokenization/code.txt"), TestData.Fixture("tokenization/cjk.txt"), "--repeat", "1"], output, error);

        code.Should().Be(ExitCodes.Success, error.ToString());
        output.ToString().Should().Contain("lines: 631, mismatched: 0").And.Contain("spm_encode").And.Contain("ratio (best/best): ");
    }

    [Fact]
    public async Task Tokenize_with_a_missing_model_fails_naming_the_file()
    {
        var error = new StringWriter();

        int code = await RedPajamaCommand.InvokeAsync(["tokenize", "--model", "/nowhere/tokenizer.model"], new StringWriter(), error);

        code.Should().Be(ExitCodes.Failed);
        error.ToString().Should().Contain("/nowhere/tokenizer.model").And.Contain("not a usable SentencePiece model");
    }
}
