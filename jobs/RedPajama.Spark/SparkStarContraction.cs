using Microsoft.Spark.Sql;
using static Microsoft.Spark.Sql.Functions;

namespace RedPajama.Spark;

/// <summary>
/// Connected components on Spark by alternating large-star and small-star contractions over an edge table, the
/// relational steps of the tests' in-memory <c>StarContraction</c> (checked there against union-find) one for one.
/// Nodes are any orderable column (here the struct (input, record), the order key), so each component ends as a
/// star around its earliest document. Each round is checkpointed locally to cut the lineage.
/// </summary>
public static class SparkStarContraction
{
    /// <summary>Rounds after which the job gives up (star contraction needs O(log n); 64 is far beyond any real graph).</summary>
    public const int MaxRounds = 64;

    /// <summary>Labels every node that has an edge with its component's smallest node.</summary>
    /// <param name="edges">Undirected edges in columns <c>a</c> and <c>b</c>.</param>
    /// <returns>Columns <c>node</c> and <c>root</c>, one row per node that is not its own root.</returns>
    /// <exception cref="InvalidOperationException">No convergence after <see cref="MaxRounds"/> rounds.</exception>
    public static DataFrame Components(DataFrame edges)
    {
        ArgumentNullException.ThrowIfNull(edges);

        // Edges are held as (node, smaller): the larger end first.
        DataFrame current = edges
            .Select(Greatest(Col("a"), Col("b")).As("node"), Least(Col("a"), Col("b")).As("smaller"))
            .Where(Col("node").NotEqual(Col("smaller")))
            .Distinct()
            .LocalCheckpoint();
        for (int round = 1; round <= MaxRounds; round++)
        {
            DataFrame small = SmallStar(LargeStar(current)).LocalCheckpoint();
            bool changed = small.Except(current).Count() > 0 || current.Except(small).Count() > 0;
            current = small;
            if (!changed)
            {
                return current.Select(Col("node"), Col("smaller").As("root"));
            }
        }

        throw new InvalidOperationException($"connected components did not converge in {MaxRounds} rounds");
    }

    /// <summary>Large star: each node u links every larger neighbour v to least(u, min neighbour of u).</summary>
    private static DataFrame LargeStar(DataFrame current)
    {
        DataFrame both = current.Select(Col("node").As("u"), Col("smaller").As("v"))
            .Union(current.Select(Col("smaller").As("u"), Col("node").As("v")));
        DataFrame smallest = both.GroupBy(Col("u")).Agg(Min(Col("v")).As("m"));
        return both.Join(smallest, "u")
            .Where(Col("v").Gt(Col("u")))
            .Select(Col("v").As("node"), Least(Col("m"), Col("u")).As("smaller"))
            .Distinct();
    }

    /// <summary>Small star: each node u links itself and every smaller neighbour to the smallest of them.</summary>
    private static DataFrame SmallStar(DataFrame oriented)
    {
        DataFrame smallest = oriented.GroupBy(Col("node")).Agg(Min(Col("smaller")).As("m"));
        return oriented.Join(smallest, "node")
            .Select(Col("smaller").As("node"), Col("m").As("smaller"))
            .Union(smallest.Select(Col("node"), Col("m").As("smaller")))
            .Where(Col("node").NotEqual(Col("smaller")))
            .Distinct();
    }
}
