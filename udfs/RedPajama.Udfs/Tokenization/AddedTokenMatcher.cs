using System.Buffers;

namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// Finds added tokens in text as the HuggingFace library does (Aho-Corasick, leftmost-longest): the match starting
/// first wins, and of those starting there the longest. A character trie; immutable, so shared by all threads.
/// </summary>
internal sealed class AddedTokenMatcher
{
    // Node n's children are the edges _edgeStart[n] .. _edgeStart[n + 1] - 1: a character and a child node.
    private readonly int[] _edgeStart;
    private readonly char[] _edgeChars;
    private readonly int[] _edgeTargets;
    private readonly int[] _terminalIds;
    private readonly SearchValues<char> _firstChars;

    public AddedTokenMatcher(IEnumerable<AddedToken> tokens)
    {
        var children = new List<SortedDictionary<char, int>> { new() };
        var terminals = new List<int> { -1 };
        foreach (AddedToken token in tokens)
        {
            if (token.Content.Length == 0)
            {
                continue;
            }

            int node = 0;
            foreach (char c in token.Content)
            {
                if (!children[node].TryGetValue(c, out int child))
                {
                    child = children.Count;
                    children[node][c] = child;
                    children.Add([]);
                    terminals.Add(-1);
                }

                node = child;
            }

            // Two entries with the same content: the first one listed is kept.
            if (terminals[node] < 0)
            {
                terminals[node] = token.Id;
            }
        }

        _edgeStart = new int[children.Count + 1];
        var chars = new List<char>();
        var targets = new List<int>();
        for (int n = 0; n < children.Count; n++)
        {
            _edgeStart[n] = chars.Count;
            foreach ((char c, int child) in children[n])
            {
                chars.Add(c);
                targets.Add(child);
            }
        }

        _edgeStart[children.Count] = chars.Count;
        _edgeChars = [.. chars];
        _edgeTargets = [.. targets];
        _terminalIds = [.. terminals];
        IsEmpty = children[0].Count == 0;
        _firstChars = SearchValues.Create([.. children[0].Keys]);
    }

    public bool IsEmpty { get; }

    /// <summary>The leftmost-longest match in <paramref name="text"/>: its start (-1 when none), length and id.</summary>
    public int Find(ReadOnlySpan<char> text, out int length, out int id)
    {
        int offset = 0;
        while (!IsEmpty)
        {
            int found = text[offset..].IndexOfAny(_firstChars);
            if (found < 0)
            {
                break;
            }

            int start = offset + found;
            int longest = LongestAt(text[start..], out id);
            if (longest > 0)
            {
                length = longest;
                return start;
            }

            offset = start + 1;
        }

        length = 0;
        id = -1;
        return -1;
    }

    private int LongestAt(ReadOnlySpan<char> text, out int id)
    {
        int node = 0;
        int longest = 0;
        id = -1;
        for (int i = 0; i < text.Length; i++)
        {
            int child = -1;
            for (int e = _edgeStart[node]; e < _edgeStart[node + 1]; e++)
            {
                if (_edgeChars[e] == text[i])
                {
                    child = _edgeTargets[e];
                    break;
                }
            }

            if (child < 0)
            {
                break;
            }

            node = child;
            if (_terminalIds[node] >= 0)
            {
                longest = i + 1;
                id = _terminalIds[node];
            }
        }

        return longest;
    }
}
