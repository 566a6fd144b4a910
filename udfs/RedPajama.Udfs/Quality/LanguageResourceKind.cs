namespace RedPajama.Udfs.Quality;

/// <summary>A per-language word list a signal depends on.</summary>
public enum LanguageResourceKind
{
    /// <summary>The signal needs no word list.</summary>
    None,

    /// <summary>The stop-word list (stopwords-json, as RedPajama-V2 ships it).</summary>
    StopWords,

    /// <summary>The LDNOOBW bad-words list of the language.</summary>
    BadWords,
}
