using RedPajama.Documents;

namespace RedPajama.Sources.Wikipedia;

/// <summary>
/// The meta fields of a Wikipedia article: RedPajama's record (<c>convert_format.py</c>: title, url, language,
/// timestamp), then what the reader adds for the steps and does not write (the page id, the dump's namespace names).
/// </summary>
public static class WikipediaMeta
{
    /// <summary>The page title.</summary>
    public const string Title = "title";

    /// <summary><c>https://{language}.wikipedia.org/wiki/</c> + <c>urllib.parse.quote(title)</c>.</summary>
    public const string Url = "url";

    /// <summary>The wiki's language code, from the dump's <c>dbname</c> (<c>dewiki</c> → <c>de</c>).</summary>
    public const string Language = "language";

    /// <summary>The dump date (<c>YYYYMMDD</c>) from the file name, or <c>wikipedia.dump_date</c>.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>The page id (not written).</summary>
    public const string PageId = "page_id";

    /// <summary>The dump's File and Category namespace names (not written).</summary>
    public const string Namespaces = "wiki_namespaces";

    /// <summary>Every field, the written ones first.</summary>
    public static IReadOnlyList<MetaField> All { get; } =
    [
        new(Title, MetaType.Text),
        new(Url, MetaType.Text),
        new(Language, MetaType.Text),
        new(Timestamp, MetaType.Text),
        new(PageId, MetaType.Integer),
        new(Namespaces, MetaType.Text),
    ];

    /// <summary>The fields RedPajama's record holds, in its order.</summary>
    public static IReadOnlyList<string> Written { get; } = [Title, Url, Language, Timestamp];
}
