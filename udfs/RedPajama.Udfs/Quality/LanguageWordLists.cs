namespace RedPajama.Udfs.Quality;

/// <summary>The word lists of one language; a null list disables the signals that need it.</summary>
/// <param name="Language">The language code.</param>
/// <param name="StopWords">The stop words, or null.</param>
/// <param name="BadWords">The LDNOOBW list RedPajama-V2 reads (<c>rps_doc_ldnoobw_words</c>), or null.</param>
/// <param name="C4BadWords">
/// The LDNOOBW list datatrove's <c>C4BadWordsFilter</c> reads (<c>c4_badwords</c>), or null: it pins an older
/// English list than RedPajama-V2 and has lists for more languages.
/// </param>
public sealed record LanguageWordLists(string Language, WordSet? StopWords, BadWordList? BadWords, BadWordList? C4BadWords);
