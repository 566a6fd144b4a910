namespace RedPajama.Udfs.Wiki;

/// <summary>
/// mwparserfromhell's tag classes (its <c>definitions</c>, after MediaWiki's Sanitizer and extension tags): tags whose
/// body is not parsed, tags with no visible text, and tags that need or allow no close tag. Names are compared
/// case-insensitively.
/// </summary>
public static class WikitextTagNames
{
    private static readonly HashSet<string> s_notParsed = new(StringComparer.OrdinalIgnoreCase)
    {
        "categorytree", "ce", "chem", "gallery", "graph", "hiero", "imagemap", "inputbox", "math", "nowiki", "pre",
        "score", "section", "source", "syntaxhighlight", "templatedata", "timeline",
    };

    private static readonly HashSet<string> s_invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "categorytree", "gallery", "graph", "imagemap", "inputbox", "math", "score", "section", "templatedata",
        "timeline",
    };

    private static readonly HashSet<string> s_singleOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "wbr", "hr", "meta", "link", "img",
    };

    private static readonly HashSet<string> s_single = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "wbr", "hr", "meta", "link", "img", "li", "dt", "dd", "th", "td", "tr",
    };

    /// <summary>Whether the tag's body is parsed as wikitext (not <c>nowiki</c>, <c>pre</c>, <c>math</c>…).</summary>
    /// <param name="name">The tag's name.</param>
    /// <returns>True when the body is parsed.</returns>
    public static bool IsParsable(string name) => !s_notParsed.Contains(name);

    /// <summary>Whether the tag's body is visible text (not <c>math</c>, <c>gallery</c>, <c>timeline</c>…).</summary>
    /// <param name="name">The tag's name.</param>
    /// <returns>True when the body counts as text.</returns>
    public static bool IsVisible(string name) => !s_invisible.Contains(name);

    /// <summary>Whether the tag may stand without a close tag.</summary>
    /// <param name="name">The tag's name.</param>
    /// <returns>True for <c>br</c>, <c>li</c>, <c>td</c> and the like.</returns>
    public static bool IsSingle(string name) => s_single.Contains(name);

    /// <summary>Whether the tag never has a close tag.</summary>
    /// <param name="name">The tag's name.</param>
    /// <returns>True for <c>br</c>, <c>hr</c>, <c>img</c> and the like.</returns>
    public static bool IsSingleOnly(string name) => s_singleOnly.Contains(name);
}
