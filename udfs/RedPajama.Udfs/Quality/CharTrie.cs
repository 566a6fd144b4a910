namespace RedPajama.Udfs.Quality;

/// <summary>A character trie of list entries, for matching all of them at one position in a single walk.</summary>
internal sealed class CharTrie
{
    private readonly List<Dictionary<char, int>?> _children = [null];
    private readonly List<bool> _terminal = [false];
    private readonly int[] _asciiRoot = new int[128];

    public void Add(string entry)
    {
        int node = 0;
        foreach (char c in entry)
        {
            Dictionary<char, int> children = _children[node] ??= [];
            if (!children.TryGetValue(c, out int next))
            {
                next = _children.Count;
                _children.Add(null);
                _terminal.Add(false);
                children.Add(c, next);
            }

            node = next;
        }

        _terminal[node] = true;
        if (entry.Length > 0 && entry[0] < 128)
        {
            _asciiRoot[entry[0]] = _children[0]![entry[0]];
        }
    }

    /// <summary>Whether some entry could start with <paramref name="c"/> (exact for ASCII, always true otherwise).</summary>
    public bool MayStartWith(char c) => c >= 128 || _asciiRoot[c] != 0;

    /// <summary>Whether an entry starts at <paramref name="start"/> (and, when asked, is followed by a non-word character or the end).</summary>
    public bool MatchesAt(ReadOnlySpan<char> text, int start, bool requireBoundaryAfter)
    {
        int node = 0;
        char first = text[start];
        if (first < 128)
        {
            // Most positions start with a character no entry starts with: one array read rejects them.
            node = _asciiRoot[first];
            if (node == 0)
            {
                return false;
            }

            if (_terminal[node] && (!requireBoundaryAfter || start + 1 == text.Length || !PythonText.IsWordChar(PythonText.CodePointAt(text, start + 1, out _))))
            {
                return true;
            }

            start++;
        }

        for (int i = start; i < text.Length; i++)
        {
            if (_children[node] is not { } children || !children.TryGetValue(text[i], out node))
            {
                return false;
            }

            if (_terminal[node] && (!requireBoundaryAfter || i + 1 == text.Length || !PythonText.IsWordChar(PythonText.CodePointAt(text, i + 1, out _))))
            {
                return true;
            }
        }

        return false;
    }
}
