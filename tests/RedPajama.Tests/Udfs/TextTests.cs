using System.Text;
using RedPajama.Udfs.Hashing;
using RedPajama.Udfs.Text;

namespace RedPajama.Tests.Udfs;

public sealed class TextTests
{
    [Theory]
    [InlineData("a\r\nb\rc\nd", "a\nb\nc\nd")]
    [InlineData("\r\n\r\n", "\n\n")]
    [InlineData("no breaks", "no breaks")]
    [InlineData("ends with cr\r", "ends with cr\n")]
    public void Line_endings_become_lf(string input, string expected) => LineEndings.ToLf(input).Should().Be(expected);

    [Fact]
    public void Utf16_with_bom_decodes()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("héllo")];

        TextDecoder.Decode(bytes).Should().Be(new DecodedText("héllo", TextEncodingKind.Utf16));
        BinaryContent.LooksBinary(bytes).Should().BeFalse();
    }

    [Fact]
    public void Windows1252_maps_every_byte()
    {
        byte[] all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        string text = Windows1252.GetString(all);

        text.Length.Should().Be(256);
        text[0x80].Should().Be('€');
        text[0x81].Should().Be('\u0081');
        text[0xE9].Should().Be('é');
    }

    [Fact]
    public void Content_hash_is_stable_and_distinguishes_texts()
    {
        ContentHash.Of("a book").Should().Be(ContentHash.Of("a book"));
        ContentHash.Of("a book").Should().NotBe(ContentHash.Of("a book."));
        ContentHash.ToHex(ContentHash.Of(string.Empty)).Should().HaveLength(32);
        ContentHash.Of(new string('x', 100_000)).Should().NotBe(ContentHash.Of(new string('x', 99_999)));
    }
}
