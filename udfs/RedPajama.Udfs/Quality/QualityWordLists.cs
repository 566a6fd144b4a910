using System.Collections.Concurrent;

namespace RedPajama.Udfs.Quality;

/// <summary>
/// Finds the word lists of a language: embedded stop words and LDNOOBW bad-words files in a directory (named
/// <c>en</c> as LDNOOBW publishes them, or <c>en.txt</c> as RedPajama-V2 stores them). C4's lists are read from the
/// directory's <c>c4</c> subdirectory when it has one (the bundled one holds datatrove's pinned lists), else from the
/// directory itself. A missing list disables only the signals that need it; <see cref="Warning"/> says so once per
/// language and list. Thread-safe.
/// </summary>
public sealed class QualityWordLists
{
    // Lazy: two threads meeting a new language load it, and warn about it, once.
    private readonly ConcurrentDictionary<string, Lazy<LanguageWordLists>> _languages = new(StringComparer.Ordinal);

    /// <summary>Creates the lookup.</summary>
    /// <param name="badWordsDirectory">The directory of LDNOOBW files; null for none.</param>
    public QualityWordLists(string? badWordsDirectory)
    {
        BadWordsDirectory = badWordsDirectory;
    }

    /// <summary>Raised once per language and missing list, with a sentence for the log.</summary>
    public event EventHandler<string>? Warning;

    /// <summary>The directory of bad-words files, if any.</summary>
    public string? BadWordsDirectory { get; }

    /// <summary>The lists of <paramref name="language"/>, loaded on first use.</summary>
    /// <param name="language">A language code.</param>
    /// <returns>The lists; either may be null.</returns>
    /// <exception cref="IOException">A bad-words file exists but cannot be read.</exception>
    public LanguageWordLists For(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (_languages.TryGetValue(language, out Lazy<LanguageWordLists>? known))
        {
            return known.Value;
        }

        return _languages.GetOrAdd(language, key => new Lazy<LanguageWordLists>(() => Load(key))).Value;
    }

    private LanguageWordLists Load(string language)
    {
        WordSet? stopWords = StopWordLists.For(language);
        if (stopWords is null)
        {
            Warning?.Invoke(this, $"no stop-word list for language '{language}': rps_doc_stop_word_fraction is null for its documents");
        }

        BadWordList? badWords = LoadBadWords(BadWordsDirectory, language);
        string? c4Directory = BadWordsDirectory is null ? null : Path.Combine(BadWordsDirectory, "c4");
        if (c4Directory is null || !Directory.Exists(c4Directory))
        {
            // One list for both consumers.
            WarnIfMissing(badWords, BadWordsDirectory, language, "rps_doc_ldnoobw_words and c4_badwords are");
            return new LanguageWordLists(language, stopWords, badWords, badWords);
        }

        BadWordList? c4BadWords = LoadBadWords(c4Directory, language);
        WarnIfMissing(badWords, BadWordsDirectory, language, "rps_doc_ldnoobw_words is");
        WarnIfMissing(c4BadWords, c4Directory, language, "c4_badwords is");
        return new LanguageWordLists(language, stopWords, badWords, c4BadWords);
    }

    private static BadWordList? LoadBadWords(string? directory, string language) =>
        directory is not null && FindBadWordsFile(directory, language) is { } path ? new BadWordList(language, File.ReadLines(path)) : null;

    private void WarnIfMissing(BadWordList? list, string? directory, string language, string signals)
    {
        if (list is null)
        {
            string where = directory is null ? "no bad-words directory is set" : $"'{directory}' has no file '{language}'";
            Warning?.Invoke(this, $"no LDNOOBW list for language '{language}' ({where}): {signals} null for its documents");
        }
    }

    private static string? FindBadWordsFile(string directory, string language)
    {
        if (language.Length == 0 || language.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || language.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (string name in (string[])[language, language + ".txt"])
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
