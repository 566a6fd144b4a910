namespace RedPajama.Dedup;

/// <summary>Disjoint sets over 0..n−1 whose representative is always the smallest member, so clusters do not depend on union order.</summary>
public sealed class UnionFind
{
    private readonly int[] _parent;

    /// <summary>Creates n singleton sets.</summary>
    /// <param name="count">Number of elements.</param>
    public UnionFind(int count)
    {
        _parent = new int[count];
        for (int i = 0; i < count; i++)
        {
            _parent[i] = i;
        }
    }

    /// <summary>The smallest member of <paramref name="element"/>'s set.</summary>
    public int Find(int element)
    {
        int root = element;
        while (_parent[root] != root)
        {
            root = _parent[root];
        }

        while (_parent[element] != root)
        {
            (element, _parent[element]) = (_parent[element], root);
        }

        return root;
    }

    /// <summary>Merges the sets of two elements.</summary>
    public void Union(int a, int b)
    {
        int rootA = Find(a);
        int rootB = Find(b);
        if (rootA != rootB)
        {
            _parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }
}
