using RedPajama.Dedup;

namespace RedPajama.Tests.Dedup;

/// <summary>
/// Connected components by alternating large-star and small-star contractions (Kiveris et al., "Connected Components
/// in MapReduce and Beyond", SoCC 2014): the algorithm the Spark engine runs as group-bys and joins over an edge
/// table (jobs/RedPajama.Spark/SparkStarContraction.cs), written here in the tests over in-memory edge sets with the same relational steps, so it can be tested against
/// <see cref="UnionFind"/> without a JVM. Each component ends as a star around its smallest node, so the label of a
/// node is its component's smallest node — the earliest document — whatever order the edges came in.
/// </summary>
internal static class StarContraction
{
    /// <summary>Labels every node that appears in an edge with its component's smallest node.</summary>
    /// <typeparam name="TNode">Node identity, ordered as documents are (the order key).</typeparam>
    /// <param name="edges">Undirected edges; self-loops and repeats are allowed.</param>
    /// <param name="rounds">How many large-star + small-star rounds ran (O(log n) in the number of nodes).</param>
    /// <returns>Node → its component's smallest node.</returns>
    public static Dictionary<TNode, TNode> Components<TNode>(IEnumerable<(TNode A, TNode B)> edges, out int rounds)
        where TNode : IComparable<TNode>
    {
        ArgumentNullException.ThrowIfNull(edges);
        HashSet<(TNode, TNode)> current = [.. edges.Where(e => e.A.CompareTo(e.B) != 0)];
        rounds = 0;
        while (true)
        {
            rounds++;
            HashSet<(TNode, TNode)> large = LargeStar(current);
            HashSet<(TNode, TNode)> small = SmallStar(large);

            // Spark: small.except(current).count() == 0 ends the loop (both hold edges as (node, smaller neighbour)).
            bool changed = !small.SetEquals(current);
            current = small;
            if (!changed)
            {
                break;
            }
        }

        var labels = new Dictionary<TNode, TNode>();
        foreach ((TNode node, TNode smaller) in current)
        {
            labels[smaller] = smaller;
            labels[node] = labels.TryGetValue(node, out TNode? seen) && seen.CompareTo(smaller) < 0 ? seen : smaller;
        }

        return labels;
    }

    /// <summary>
    /// Large star: every node u links each larger neighbour v to m(u), the smallest of u and its neighbours.
    /// Spark: union both directions of the edges, group by u for min(v), join, keep v &gt; u, emit (v, least(m, u)).
    /// </summary>
    public static HashSet<(TNode Node, TNode Smaller)> LargeStar<TNode>(IEnumerable<(TNode, TNode)> edges)
        where TNode : IComparable<TNode>
    {
        ArgumentNullException.ThrowIfNull(edges);
        List<(TNode U, TNode V)> both = [.. edges.SelectMany(e => new[] { (e.Item1, e.Item2), (e.Item2, e.Item1) })];
        Dictionary<TNode, TNode> smallest = MinimumNeighbour(both);
        var result = new HashSet<(TNode, TNode)>();
        foreach ((TNode u, TNode v) in both)
        {
            if (v.CompareTo(u) > 0)
            {
                result.Add((v, Least(smallest[u], u)));
            }
        }

        return result;
    }

    /// <summary>
    /// Small star: every node u links itself and each smaller neighbour to the smallest of them. Spark: orient the
    /// edges (greatest, least), group by u for min(v), join, emit (v, m) and (u, m), drop self-loops.
    /// </summary>
    public static HashSet<(TNode Node, TNode Smaller)> SmallStar<TNode>(IEnumerable<(TNode, TNode)> edges)
        where TNode : IComparable<TNode>
    {
        ArgumentNullException.ThrowIfNull(edges);
        List<(TNode U, TNode V)> oriented = [.. edges.Select(e => e.Item1.CompareTo(e.Item2) >= 0 ? (e.Item1, e.Item2) : (e.Item2, e.Item1))];
        Dictionary<TNode, TNode> smallest = MinimumNeighbour(oriented);
        var result = new HashSet<(TNode, TNode)>();
        foreach ((TNode u, TNode v) in oriented)
        {
            TNode m = smallest[u];
            if (v.CompareTo(m) != 0)
            {
                result.Add((v, m));
            }

            result.Add((u, m));
        }

        result.RemoveWhere(e => e.Item1.CompareTo(e.Item2) == 0);
        return result;
    }

    private static Dictionary<TNode, TNode> MinimumNeighbour<TNode>(List<(TNode U, TNode V)> edges)
        where TNode : IComparable<TNode>
    {
        var smallest = new Dictionary<TNode, TNode>();
        foreach ((TNode u, TNode v) in edges)
        {
            if (!smallest.TryGetValue(u, out TNode? m) || v.CompareTo(m) < 0)
            {
                smallest[u] = v;
            }
        }

        return smallest;
    }

    private static TNode Least<TNode>(TNode a, TNode b)
        where TNode : IComparable<TNode> => a.CompareTo(b) <= 0 ? a : b;
}
