namespace RedPajama.Udfs.Quality;

/// <summary>An immutable set of strings that answers for character spans without allocating a string per lookup.</summary>
public sealed class WordSet
{
    private readonly string?[] _slots;
    private readonly int _mask;

    /// <summary>Creates the set.</summary>
    /// <param name="words">The members; duplicates are fine.</param>
    public WordSet(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        string[] distinct = words.Distinct(StringComparer.Ordinal).ToArray();
        int size = 16;
        while (size < distinct.Length * 2)
        {
            size <<= 1;
        }

        _slots = new string?[size];
        _mask = size - 1;
        foreach (string word in distinct)
        {
            int slot = SpanInterner.Hash(word) & _mask;
            while (_slots[slot] is not null)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = word;
        }

        Count = distinct.Length;
    }

    /// <summary>Number of members.</summary>
    public int Count { get; }

    /// <summary>Whether <paramref name="word"/> is a member.</summary>
    /// <param name="word">Candidate characters.</param>
    /// <returns>Whether the set holds them.</returns>
    public bool Contains(ReadOnlySpan<char> word)
    {
        int slot = SpanInterner.Hash(word) & _mask;
        while (_slots[slot] is { } member)
        {
            if (word.SequenceEqual(member))
            {
                return true;
            }

            slot = (slot + 1) & _mask;
        }

        return false;
    }
}
