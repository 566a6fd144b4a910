namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>
/// Meta field names <see cref="WikipediaDumpReader"/> fills when the meta schema has them (fields it lacks are skipped).
/// </summary>
public static class WikipediaReadMeta
{
    /// <summary>The page's <c>&lt;title&gt;</c> (text).</summary>
    public const string Title = "title";

    /// <summary>The page's <c>&lt;id&gt;</c> (integer; the page id, not the revision id).</summary>
    public const string PageId = "page_id";

    /// <summary>The wiki's language code (text): <see cref="DumpNames.LanguageOf"/>.</summary>
    public const string Language = "language";

    /// <summary>The dump date <c>YYYYMMDD</c> from the file name (text), or null: <see cref="DumpNames.DateOf"/>.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>The dump's File and Category namespace names (text): <see cref="SiteInfo.EncodeMediaCategoryNamespaces"/>.</summary>
    public const string WikiNamespaces = "wiki_namespaces";
}
