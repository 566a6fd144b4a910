using RedPajama.Tests.Support;
using RedPajama.Udfs.FastText;

namespace RedPajama.Tests.FastText;

/// <summary>Broken model files fail with the file name, the byte offset and the problem.</summary>
public sealed class FastTextModelErrorTests
{
    private static byte[] Model => File.ReadAllBytes(TestData.Fixture("fasttext/softmax.ftz"));

    [Fact]
    public void Wrong_magic_number_is_named()
    {
        byte[] bytes = Model;
        bytes[0] ^= 0xFF;
        Action load = () => FastTextModel.FromBytes(bytes, "broken.ftz");
        load.Should().Throw<FastTextModelException>().Which.Message.Should().Contain("broken.ftz").And.Contain("byte 0").And.Contain("wrong magic number");
    }

    [Fact]
    public void Unknown_version_is_named()
    {
        byte[] bytes = Model;
        bytes[4] = 99;
        Action load = () => FastTextModel.FromBytes(bytes, "future.bin");
        load.Should().Throw<FastTextModelException>().Which.Message.Should().Contain("byte 4").And.Contain("version 99");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(60)]
    [InlineData(5000)]
    [InlineData(40000)]
    public void A_truncated_file_names_the_offset_where_it_ends(int length)
    {
        byte[] bytes = Model[..length];
        Action load = () => FastTextModel.FromBytes(bytes, "cut.ftz");
        load.Should().Throw<FastTextModelException>().Which.Offset.Should().BeLessThanOrEqualTo(length);
    }

    [Fact]
    public void A_missing_file_is_a_model_error_with_its_path()
    {
        Action load = () => FastTextModel.Load("/nowhere/lid.bin");
        load.Should().Throw<FastTextModelException>().Which.ModelName.Should().Be("/nowhere/lid.bin");
    }

    [Fact]
    public void A_text_file_is_not_a_model()
    {
        Action load = () => FastTextModel.FromBytes("__label__en hello world\n"u8, "train.txt");
        load.Should().Throw<FastTextModelException>().Which.Problem.Should().Contain("magic");
    }
}
