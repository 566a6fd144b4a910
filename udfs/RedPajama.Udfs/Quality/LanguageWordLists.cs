namespace RedPajama.Udfs.Quality;

/// <summary>The word lists of one language; a null list disables the signals that need it.</summary>
/// <param name="Language">The language code.</param>
/// <param name="StopWords">The stop words, or null.</param>
/// <param name="BadWords">The LDNOOBW list, or null.</param>
public sealed record LanguageWordLists(string Language, WordSet? StopWords, BadWordList? BadWords);
