using RedPajama.Udfs.Quality;

namespace RedPajama.Udfs.C4;

/// <summary>
/// TFDS C4's bad-words rule (<c>c4_utils.get_clean_page_fn</c>): a page is dropped when its lower-cased line matches
/// <c>[^a-z](w1|w2|…)[^a-z]</c>, so an entry counts only with a character other than <c>a</c>–<c>z</c> on both sides
/// (a digit, a space, any non-ASCII letter): an entry at the very start or end of a line never matches. Entries are
/// joined into the pattern unescaped, as upstream; the LDNOOBW lists C4 read hold no pattern metacharacter.
/// </summary>
public sealed class TfdsBadWords
{
    // A trie of the entries: node 0 is the root; one walk from a position finds every entry starting there.
    private readonly List<Dictionary<char, int>?> _children = [null];
    private readonly List<bool> _terminal = [false];

    /// <summary>Builds the matcher from a list's lines; each is stripped (Python <c>strip()</c>), empty ones ignored.</summary>
    /// <param name="lines">The lines of an LDNOOBW file.</param>
    public TfdsBadWords(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            ReadOnlySpan<char> entry = PythonText.Strip(line);
            if (entry.Length > 0)
            {
                entries.Add(entry.ToString());
            }
        }

        Count = entries.Count;
        foreach (string entry in entries)
        {
            int node = 0;
            foreach (char c in entry)
            {
                Dictionary<char, int> children = _children[node] ??= [];
                if (!children.TryGetValue(c, out int next))
                {
                    next = _children.Count;
                    children.Add(c, next);
                    _children.Add(null);
                    _terminal.Add(false);
                }

                node = next;
            }

            _terminal[node] = true;
        }
    }

    /// <summary>Number of distinct entries.</summary>
    public int Count { get; }

    /// <summary>Reads a list file (UTF-8, one entry a line).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The matcher.</returns>
    public static TfdsBadWords Load(string path) => new(File.ReadLines(path));

    /// <summary>Whether <c>badwords_regex.search(lowered)</c> finds a match.</summary>
    /// <param name="lowered">A line already lower-cased (Python <c>lower()</c>).</param>
    /// <returns>True when some entry sits between two characters that are not <c>a</c>–<c>z</c>.</returns>
    public bool Matches(ReadOnlySpan<char> lowered)
    {
        // [^a-z] takes one code point, then an entry must follow, then one more code point that is not a-z.
        for (int i = 0; i < lowered.Length;)
        {
            char flank = lowered[i];
            int width = char.IsHighSurrogate(flank) && i + 1 < lowered.Length && char.IsLowSurrogate(lowered[i + 1]) ? 2 : 1;
            int start = i + width;
            i = start;
            if (flank is not (>= 'a' and <= 'z') && EntryEndsFlanked(lowered, start))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether some entry starts at <paramref name="start"/> and is followed by a character other than a–z.</summary>
    private bool EntryEndsFlanked(ReadOnlySpan<char> text, int start)
    {
        int node = 0;
        for (int end = start; end < text.Length; end++)
        {
            if (_children[node] is not { } children || !children.TryGetValue(text[end], out node))
            {
                return false;
            }

            // An entry ends here; the pattern then needs one more character, not a-z.
            if (_terminal[node] && end + 1 < text.Length && text[end + 1] is not (>= 'a' and <= 'z'))
            {
                return true;
            }
        }

        return false;
    }
}
