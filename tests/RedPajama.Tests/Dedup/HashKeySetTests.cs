using RedPajama.Dedup;

namespace RedPajama.Tests.Dedup;

public sealed class HashKeySetTests
{
    [Fact]
    public void Agrees_with_a_hash_set_through_growth_colliding_slots_and_the_zero_key()
    {
        var random = new Random(11);
        var reference = new HashSet<UInt128>();
        var set = new HashKeySet(capacity: 4);

        // Low 64 bits drawn from 64 values, so many keys share a first slot and probing is exercised; zero included.
        for (int i = 0; i < 20_000; i++)
        {
            var key = new UInt128((ulong)random.Next(300), (ulong)random.Next(64));
            set.Add(key).Should().Be(reference.Add(key), $"key {key}");
        }

        set.Count.Should().Be(reference.Count);
        reference.Should().Contain(UInt128.Zero, "the zero key was drawn");
    }

    [Fact]
    public void Clear_forgets_every_key()
    {
        var set = new HashKeySet(capacity: 8);
        set.Add(UInt128.Zero);
        set.Add(42);

        set.Clear(capacity: 100);

        set.Count.Should().Be(0);
        set.Add(UInt128.Zero).Should().BeTrue();
        set.Add(42).Should().BeTrue();
        set.Add(42).Should().BeFalse();
    }
}
