namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>Why <see cref="WikipediaDumpReader"/> yielded a page already dropped (the <c>drop_reason</c> values).</summary>
public static class WikipediaDropReasons
{
    /// <summary>A page whose <c>&lt;ns&gt;</c> is not exactly <c>0</c> (the HF builder keeps the main namespace only).</summary>
    public const string NotArticle = "not_article";

    /// <summary>A main-namespace page with a <c>&lt;redirect&gt;</c> element.</summary>
    public const string Redirect = "redirect";

    /// <summary>A main-namespace page that is not a redirect and has no text (no or empty <c>&lt;text&gt;</c>).</summary>
    public const string EmptyPage = "empty_page";

    /// <summary>A <c>&lt;page&gt;</c> element that is not well-formed XML; the reader goes on with the next page.</summary>
    public const string MalformedXml = "malformed_xml";

    /// <summary>A page larger than the reader's limit, skipped without being held in memory.</summary>
    public const string TooLarge = RedPajama.Reading.ReadDropReasons.TooLarge;
}
