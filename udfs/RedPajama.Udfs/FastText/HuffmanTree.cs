namespace RedPajama.Udfs.FastText;

/// <summary>
/// The label tree of fastText's hierarchical softmax, built from the label counts exactly as
/// <c>HierarchicalSoftmaxLoss::buildTree</c> builds it (the two-queue Huffman construction over counts sorted by the
/// dictionary), so node numbers, and the output-matrix rows they index, match the trained model.
/// </summary>
internal sealed class HuffmanTree
{
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly int[] _parent;
    private readonly bool[] _binary;

    public HuffmanTree(long[] counts)
    {
        int labels = counts.Length;
        Labels = labels;
        int nodes = Math.Max(1, (2 * labels) - 1);
        _left = new int[nodes];
        _right = new int[nodes];
        var count = new long[nodes];
        _parent = new int[nodes];
        _binary = new bool[nodes];
        Array.Fill(_left, -1);
        Array.Fill(_right, -1);
        Array.Fill(_parent, -1);
        Array.Fill(count, (long)1e15);
        counts.CopyTo(count, 0);
        int leaf = labels - 1;
        int node = labels;
        Span<int> smallest = stackalloc int[2];
        for (int i = labels; i < nodes; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                smallest[j] = leaf >= 0 && count[leaf] < count[node] ? leaf-- : node++;
            }

            _left[i] = smallest[0];
            _right[i] = smallest[1];
            count[i] = count[smallest[0]] + count[smallest[1]];
            _parent[smallest[0]] = i;
            _parent[smallest[1]] = i;
            _binary[smallest[1]] = true;
        }
    }

    /// <summary>The output rows (internal nodes) from a label's leaf to the root and the branch taken at each.</summary>
    public (int[] Rows, bool[] Codes) PathOf(int label)
    {
        var rows = new List<int>();
        var codes = new List<bool>();
        for (int node = label; _parent[node] != -1; node = _parent[node])
        {
            rows.Add(_parent[node] - Labels);
            codes.Add(_binary[node]);
        }

        return ([.. rows], [.. codes]);
    }

    public int Labels { get; }

    public int Root => (2 * Labels) - 2;

    public bool IsLeaf(int node) => _left[node] == -1 && _right[node] == -1;

    public int Left(int node) => _left[node];

    public int Right(int node) => _right[node];
}
