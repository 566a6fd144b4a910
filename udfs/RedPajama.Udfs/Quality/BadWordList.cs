namespace RedPajama.Udfs.Quality;

/// <summary>
/// One language's LDNOOBW list, read as both consumers read it: RedPajama-V2 counts normalized word n-grams that
/// equal an entry; C4 (datatrove's <c>C4BadWordsFilter</c>) searches the lower-cased text for an entry flanked by
/// non-word characters (<c>(?:\W|^)(…)(?:\W|$)</c>), or anywhere for Japanese, Thai and Chinese.
/// </summary>
public sealed class BadWordList
{
    // Common sub-words of languages without spaces that C4 allows (datatrove _BADWORDS_ALLOWLIST).
    private static readonly Dictionary<string, string[]> s_allowList = new(StringComparer.Ordinal)
    {
        ["ja"] = ["sm", "グロ", "女の子"],
        ["zh"] = ["性"],
    };

    private readonly WordSet _entries;
    private readonly CharTrie _trie = new();

    /// <summary>Builds the list from its lines.</summary>
    /// <param name="language">The language code (decides word flanking for C4).</param>
    /// <param name="lines">The file's lines; each is stripped, empty ones ignored.</param>
    public BadWordList(string language, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(lines);
        Language = language;
        var entries = new List<string>();
        foreach (string line in lines)
        {
            string entry = PythonText.Strip(line).ToString();
            if (entry.Length > 0)
            {
                entries.Add(entry);
            }
        }

        _entries = new WordSet(entries);

        var sizes = new SortedSet<int>();
        var firstWords = new HashSet<string>(StringComparer.Ordinal);
        string[] allowed = s_allowList.Values.SelectMany(a => a).ToArray();
        foreach (string entry in entries.Distinct(StringComparer.Ordinal))
        {
            int words = entry.Count(c => c == ' ') + 1;
            sizes.Add(words);
            if (words > 1)
            {
                firstWords.Add(entry[..entry.IndexOf(' ', StringComparison.Ordinal)]);
            }

            if (!allowed.Contains(entry))
            {
                _trie.Add(entry);
            }
        }

        GramSizes = [.. sizes];
        PhraseFirstWords = new WordSet(firstWords);
        EntriesOrPhraseFirstWords = new WordSet(entries.Concat(firstWords));
        RequiresWordBoundaries = language is not ("ja" or "th" or "zh");
    }

    /// <summary>The language code.</summary>
    public string Language { get; }

    /// <summary>Number of distinct entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Whether C4 matching requires non-word characters around an entry.</summary>
    public bool RequiresWordBoundaries { get; }

    /// <summary>The word counts of entries (1 + spaces), as RedPajama-V2 derives its n-gram sizes.</summary>
    internal int[] GramSizes { get; }

    /// <summary>First words of multi-word entries: an n-gram (n &gt; 1) can only match when it starts with one.</summary>
    internal WordSet PhraseFirstWords { get; }

    /// <summary>Both sets in one: a word in neither (almost every word) is rejected by one lookup.</summary>
    internal WordSet EntriesOrPhraseFirstWords { get; }

    /// <summary>Whether <paramref name="text"/> is an entry.</summary>
    /// <param name="text">Candidate text.</param>
    /// <returns>Whether it is on the list.</returns>
    public bool Contains(ReadOnlySpan<char> text) => _entries.Contains(text);

    /// <summary>Whether some entry occurs in <paramref name="lowered"/> as C4 searches (after allow-list removal).</summary>
    /// <param name="lowered">The lower-cased text.</param>
    /// <returns>Whether the C4 bad-words regex would match.</returns>
    public bool MatchesC4(ReadOnlySpan<char> lowered)
    {
        bool previousIsWord = false;
        for (int start = 0; start < lowered.Length; start++)
        {
            char c = lowered[start];
            bool isWord;
            if (c < 128)
            {
                isWord = PythonText.IsWordChar(c);
            }
            else if (char.IsLowSurrogate(c) && start > 0 && char.IsHighSurrogate(lowered[start - 1]))
            {
                // The second half of a pair: not a position of the regex, and the pair's class is already known.
                continue;
            }
            else
            {
                isWord = PythonText.IsWordChar(PythonText.CodePointAt(lowered, start, out _));
            }

            if ((!RequiresWordBoundaries || !previousIsWord) && _trie.MayStartWith(c) && _trie.MatchesAt(lowered, start, RequiresWordBoundaries))
            {
                return true;
            }

            previousIsWord = isWord;
        }

        return false;
    }
}
