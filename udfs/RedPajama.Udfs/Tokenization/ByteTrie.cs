namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// An immutable trie over UTF-8 bytes: a direct table for the root's children and one <see cref="LongIntMap"/>
/// from (node, byte) to child for the rest. Used for prefix searches over pieces and user-defined symbols.
/// </summary>
internal sealed class ByteTrie
{
    private const int NoNode = -1;

    private readonly int[] _values;
    private readonly int[] _rootChildren;
    private readonly LongIntMap _transitions;

    /// <summary>Builds the trie; a key given twice keeps its first value.</summary>
    public ByteTrie(IEnumerable<(byte[] Key, int Value)> entries)
    {
        var values = new List<int> { NoNode };
        var transitions = new Dictionary<long, int>();
        int maxKeyLength = 0;
        foreach ((byte[] key, int value) in entries)
        {
            int node = 0;
            foreach (byte b in key)
            {
                long transition = ((long)node << 8) | b;
                if (!transitions.TryGetValue(transition, out int child))
                {
                    child = values.Count;
                    values.Add(NoNode);
                    transitions.Add(transition, child);
                }

                node = child;
            }

            if (node != 0 && values[node] == NoNode)
            {
                values[node] = value;
                maxKeyLength = Math.Max(maxKeyLength, key.Length);
            }
        }

        _values = [.. values];
        MaxKeyLength = maxKeyLength;
        _rootChildren = new int[256];
        Array.Fill(_rootChildren, NoNode);
        foreach ((long transition, int child) in transitions)
        {
            if (transition >> 8 == 0)
            {
                _rootChildren[transition & 0xFF] = child;
            }
        }

        _transitions = new LongIntMap(transitions);
    }

    /// <summary>The root node, where every search starts.</summary>
    public static int Root => 0;

    /// <summary>The longest key in bytes (0 for an empty trie).</summary>
    public int MaxKeyLength { get; }

    /// <summary>Whether the trie holds no key.</summary>
    public bool IsEmpty => MaxKeyLength == 0;

    /// <summary>The node reached from <paramref name="node"/> by <paramref name="label"/>, or -1.</summary>
    public int Next(int node, byte label)
    {
        if (node == 0)
        {
            return _rootChildren[label];
        }

        return _transitions.Find(((long)node << 8) | label);
    }

    /// <summary>The value of the key ending at <paramref name="node"/>, or -1 when no key ends there.</summary>
    public int ValueAt(int node) => _values[node];

    /// <summary>The longest key that is a prefix of <paramref name="text"/>: its length and value, or (0, -1).</summary>
    public (int Length, int Value) LongestPrefix(ReadOnlySpan<byte> text)
    {
        int node = 0;
        int bestLength = 0;
        int bestValue = NoNode;
        for (int i = 0; i < text.Length; i++)
        {
            node = Next(node, text[i]);
            if (node < 0)
            {
                break;
            }

            int value = _values[node];
            if (value >= 0)
            {
                bestLength = i + 1;
                bestValue = value;
            }
        }

        return (bestLength, bestValue);
    }

    /// <summary>The value of exactly <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        int node = 0;
        foreach (byte b in key)
        {
            node = Next(node, b);
            if (node < 0)
            {
                return NoNode;
            }
        }

        return key.IsEmpty ? NoNode : _values[node];
    }
}
