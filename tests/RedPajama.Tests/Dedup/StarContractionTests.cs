using RedPajama.Dedup;

namespace RedPajama.Tests.Dedup;

/// <summary>Large-star/small-star (the Spark engine's connected components) labels nodes as union-find does.</summary>
public sealed class StarContractionTests
{
    [Theory]
    [InlineData(1, 50, 40)]
    [InlineData(2, 500, 400)]
    [InlineData(3, 2000, 2500)]
    [InlineData(4, 300, 1500)]
    public void Components_equal_union_find_on_random_graphs(int seed, int nodes, int edgeCount)
    {
        var random = new Random(seed);
        var edges = new List<(int, int)>();
        for (int e = 0; e < edgeCount; e++)
        {
            edges.Add((random.Next(nodes), random.Next(nodes)));
        }

        Dictionary<int, int> labels = StarContraction.Components(edges, out int rounds);

        var sets = new UnionFind(nodes);
        foreach ((int a, int b) in edges)
        {
            sets.Union(a, b);
        }

        int[] linked = [.. edges.Where(e => e.Item1 != e.Item2).SelectMany(e => new[] { e.Item1, e.Item2 }).Distinct()];
        labels.Keys.Should().BeEquivalentTo(linked, "every node with an edge to another node gets a label");
        foreach (int node in linked)
        {
            labels[node].Should().Be(sets.Find(node), $"node {node}");
        }

        rounds.Should().BeLessThan(2 * (int)Math.Ceiling(Math.Log2(nodes)) + 3, "star contraction converges in O(log n) rounds");
    }

    [Fact]
    public void A_long_path_in_any_order_ends_as_one_star_around_its_smallest_node()
    {
        // A path 0-1-2-…-99 given in a scrambled order: the worst case for label propagation, O(log n) here.
        var edges = Enumerable.Range(0, 99).Select(i => (i, i + 1)).OrderBy(e => (e.i * 37) % 101).ToList();

        Dictionary<int, int> labels = StarContraction.Components(edges, out int rounds);

        labels.Should().HaveCount(100).And.OnlyContain(pair => pair.Value == 0);
        rounds.Should().BeLessThan(20);
    }

    [Fact]
    public void One_large_star_then_small_star_round_matches_the_paper_s_example()
    {
        // Edges 3-1, 3-2, 4-3. Large star: node 1 links its larger neighbour 3 to min(1, 3) = 1, node 2 links 3 to 2,
        // node 3 links 4 to min(3, 1, 2, 4) = 1. Small star: node 3's smaller neighbours are 1 and 2, so 2 and 3 point
        // at 1; node 4 already does.
        HashSet<(int Node, int Smaller)> large = StarContraction.LargeStar([(3, 1), (3, 2), (4, 3)]);
        large.Should().BeEquivalentTo(new[] { (3, 1), (3, 2), (4, 1) });
        StarContraction.SmallStar(large).Should().BeEquivalentTo(new[] { (2, 1), (3, 1), (4, 1) });
    }
}
