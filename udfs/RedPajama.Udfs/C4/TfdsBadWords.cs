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
    // Entries by their first UTF-16 unit: a position is tested only against the entries that can start there.
    private readonly Dictionary<char, string[]> _byFirst;

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
        _byFirst = entries.GroupBy(e => e[0]).ToDictionary(g => g.Key, g => g.OrderBy(e => e, StringComparer.Ordinal).ToArray());
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
            if (flank is >= 'a' and <= 'z' || start >= lowered.Length || !_byFirst.TryGetValue(lowered[start], out string[]? candidates))
            {
                continue;
            }

            foreach (string entry in candidates)
            {
                int end = start + entry.Length;
                if (end < lowered.Length && lowered[end] is not (>= 'a' and <= 'z') && lowered[start..end].SequenceEqual(entry))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
