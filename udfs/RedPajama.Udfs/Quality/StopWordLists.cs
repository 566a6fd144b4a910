using System.Collections.Concurrent;
using System.Reflection;

namespace RedPajama.Udfs.Quality;

/// <summary>
/// The stop-word lists RedPajama-V2 uses (from stopwords-json), embedded in this assembly: bg, de, en, es, fi, fr, it.
/// </summary>
public static class StopWordLists
{
    private const string ResourcePrefix = "RedPajama.Udfs.Quality.StopWords.";
    private static readonly ConcurrentDictionary<string, WordSet?> s_cache = new(StringComparer.Ordinal);

    /// <summary>The languages with a list.</summary>
    public static IReadOnlyList<string> Languages { get; } =
        [.. typeof(StopWordLists).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".txt", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^4])
            .Order(StringComparer.Ordinal)];

    /// <summary>The stop words of <paramref name="language"/>, or null when there is no list for it.</summary>
    /// <param name="language">A language code such as <c>en</c>.</param>
    /// <returns>The set, or null.</returns>
    public static WordSet? For(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return s_cache.GetOrAdd(language, static lang =>
        {
            Assembly assembly = typeof(StopWordLists).Assembly;
            using Stream? stream = assembly.GetManifestResourceStream(ResourcePrefix + lang + ".txt");
            if (stream is null)
            {
                return null;
            }

            using var reader = new StreamReader(stream);
            var words = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    words.Add(line);
                }
            }

            return new WordSet(words);
        });
    }
}
