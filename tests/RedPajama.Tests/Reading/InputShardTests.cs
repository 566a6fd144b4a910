using RedPajama.Reading;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Reading;

/// <summary>Shards of the input list as cc_net's <c>CCShardReader.segments</c> cuts a dump.</summary>
public sealed class InputShardTests
{
    [Theory]
    [InlineData(10, 3, new[] { 0, 3, 6, 10 })]
    [InlineData(7, 7, new[] { 0, 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData(2, 4, new[] { 0, 0, 1, 1, 2 })]
    [InlineData(88_000, 1600, null)]
    public void Shard_s_of_N_keeps_floor_s_n_over_N_up_to_floor_s_plus_1_n_over_N_and_the_shards_cover_the_list_once(int inputs, int shards, int[]? bounds)
    {
        var ranges = Enumerable.Range(0, shards).Select(s => new InputShard(s, shards).RangeOf(inputs)).ToList();

        // cc_net: i_min = (shard * n) // num_shards; i_max = ((shard + 1) * n) // num_shards
        ranges.Select(r => r.Start).Should().Equal(Enumerable.Range(0, shards).Select(s => (int)((long)s * inputs / shards)));
        ranges.Zip(ranges.Skip(1)).Should().OnlyContain(p => p.First.End == p.Second.Start, "consecutive shards meet");
        ranges[0].Start.Should().Be(0);
        ranges[^1].End.Should().Be(inputs);
        if (bounds is not null)
        {
            ranges.Select(r => r.Start).Append(ranges[^1].End).Should().Equal(bounds);
        }
    }

    [Theory]
    [InlineData(3, 3, "--shard must be between 0 and 2 for --num-shards 3 (got 3)")]
    [InlineData(-1, 3, "--shard must be between 0 and 2*")]
    [InlineData(0, 0, "--num-shards must be at least 1 (got 0)")]
    public void A_shard_out_of_range_is_refused_with_the_options_names(int index, int count, string message)
    {
        Action create = () => _ = new InputShard(index, count);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage(message + "*");
    }

    [Fact]
    public void A_malformed_entry_keeps_its_place_so_the_shard_ranges_do_not_move_and_is_an_error_of_its_shard_only()
    {
        using var directory = new TemporaryDirectory();
        string listing = directory.Combine("wet.paths");
        File.WriteAllLines(listing, ["s0.warc.wet.gz", "s1.warc.wet.gz", "../bad.warc.wet.gz", "s3.warc.wet.gz", "s4.warc.wet.gz", "s5.warc.wet.gz"]);
        var root = new ListingRoot(directory.Combine("mirror"));

        InputResolution Shard(int s) => InputResolver.Resolve([listing], new InputResolverOptions { ListingRoot = root, Shard = new InputShard(s, 3) });

        Shard(0).Files.Select(f => Path.GetFileName(f.Path)).Should().Equal("s0.warc.wet.gz", "s1.warc.wet.gz");
        Shard(0).Problems.Should().BeEmpty();
        Shard(1).Files.Select(f => (f.Index, Path.GetFileName(f.Path))).Should().Equal([(0, "s3.warc.wet.gz")], "inputs are numbered from 0 within the shard");
        Shard(1).Problems.Should().ContainSingle().Which.Error.Should().Contain("climbs out");
        Shard(2).Files.Select(f => Path.GetFileName(f.Path)).Should().Equal("s4.warc.wet.gz", "s5.warc.wet.gz");
    }
}
