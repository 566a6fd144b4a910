using RedPajama.Sources.Wikipedia.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Wiki.Reading;

/// <summary>
/// The two bzip2 decoders (the system's libbz2 and SharpZipLib) give the same bytes on the same input, multistream or
/// not, and both fail on a cut, corrupt or trailing-garbage file; the native one is compared with the <c>bzip2</c> tool.
/// </summary>
public sealed class Bzip2DecoderTests
{
    private static byte[] Decode(byte[] compressed, bool native, long limit = long.MaxValue)
    {
        using var decoder = Bzip2.Open(new MemoryStream(compressed), limit, leaveOpen: false, native);
        using var output = new MemoryStream();
        decoder.CopyTo(output, 7919);
        return output.ToArray();
    }

    private static string Multistream(TemporaryDirectory temp)
    {
        string dump = temp.Combine("x-multistream.xml.bz2");
        WikiDumps.WriteMultistream(dump, temp.Combine("x-multistream-index.txt.bz2"), WikiDumps.Pages(500), 50);
        return dump;
    }

    [Fact]
    public void The_system_libbz2_is_found_where_the_bzip2_tool_is_installed()
    {
        if (!File.Exists("/usr/bin/bzip2") || !OperatingSystem.IsLinux())
        {
            return;
        }

        Bzip2.NativeDecoder.Should().BeTrue("libbz2 is a dependency of the bzip2 tool, and " + LibBzip2.DecoderVariable + " is not set to managed");
    }

    [Fact]
    public void Both_decoders_give_the_bytes_of_the_bzip2_tool_for_the_fixture_dumps_and_a_multistream_dump()
    {
        if (!LibBzip2.IsAvailable)
        {
            return;
        }

        using var temp = new TemporaryDirectory();
        var files = Directory.GetFiles(TestData.Fixture("wikipedia-dumps"), "*.bz2").Append(Multistream(temp)).ToList();
        foreach (string file in files)
        {
            byte[] compressed = File.ReadAllBytes(file);
            byte[] native = Decode(compressed, native: true);
            native.Should().Equal(Decode(compressed, native: false), file);
            if (File.Exists("/usr/bin/bzip2"))
            {
                native.Should().Equal(ExternalTool.Run("/usr/bin/bzip2", ["-dc"], compressed), file);
            }
        }
    }

    [Fact]
    public void Both_decoders_fail_on_a_cut_a_corrupt_block_and_trailing_garbage_never_ending_quietly()
    {
        if (!LibBzip2.IsAvailable)
        {
            return;
        }

        using var temp = new TemporaryDirectory();
        byte[] whole = File.ReadAllBytes(Multistream(temp));
        byte[] corrupt = (byte[])whole.Clone();
        corrupt[whole.Length / 2] ^= 0x55;
        byte[] garbage = [.. whole, .. "junk"u8.ToArray()];
        foreach ((string name, byte[] bytes) in new[] { ("cut", whole[..^7]), ("cut early", whole[..(whole.Length / 3)]), ("corrupt", corrupt), ("garbage", garbage) })
        {
            foreach (bool native in new[] { true, false })
            {
                Action decode = () => Decode(bytes, native);
                decode.Should().Throw<Exception>($"{name}, native {native}")
                    .Which.Should().Match<Exception>(e => e is IOException || e is InvalidDataException || e is ICSharpCode.SharpZipLib.SharpZipBaseException);
            }
        }
    }

    [Fact]
    public void A_limit_that_cuts_a_stream_fails_and_one_at_a_stream_start_decodes_just_the_streams_before()
    {
        if (!LibBzip2.IsAvailable)
        {
            return;
        }

        using var temp = new TemporaryDirectory();
        string dump = Multistream(temp);
        byte[] bytes = File.ReadAllBytes(dump);
        List<long> starts = Bzip2Blocks.FindStreamStarts(dump).ToList();
        long boundary = starts[3];
        Decode(bytes, native: true, boundary).Should().Equal(Decode(bytes, native: false, boundary));
        Decode(bytes[..(int)boundary], native: true).Should().Equal(Decode(bytes, native: true, boundary));
        Action cut = () => Decode(bytes, native: true, boundary + 10);
        cut.Should().Throw<InvalidDataException>().WithMessage("*range end is not a stream start*");
    }
}
