using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.Text;

/// <summary>An immutable string-to-int map that answers for character spans without allocating a string per lookup.</summary>
internal sealed class SpanIntMap
{
    private readonly string?[] _keys;
    private readonly int[] _values;
    private readonly int _mask;

    /// <summary>Creates the map from distinct keys.</summary>
    public SpanIntMap(IReadOnlyDictionary<string, int> entries)
    {
        int size = 16;
        while (size < entries.Count * 2)
        {
            size <<= 1;
        }

        _keys = new string?[size];
        _values = new int[size];
        _mask = size - 1;
        foreach ((string key, int value) in entries)
        {
            int slot = SpanInterner.Hash(key) & _mask;
            while (_keys[slot] is not null)
            {
                slot = (slot + 1) & _mask;
            }

            _keys[slot] = key;
            _values[slot] = value;
        }

        Count = entries.Count;
    }

    /// <summary>Number of keys.</summary>
    public int Count { get; }

    /// <summary>The value of <paramref name="key"/>, or 0 when absent (as NLTK's <c>defaultdict(int)</c>).</summary>
    public int GetValueOrZero(ReadOnlySpan<char> key)
    {
        int slot = SpanInterner.Hash(key) & _mask;
        while (_keys[slot] is { } member)
        {
            if (key.SequenceEqual(member))
            {
                return _values[slot];
            }

            slot = (slot + 1) & _mask;
        }

        return 0;
    }
}
