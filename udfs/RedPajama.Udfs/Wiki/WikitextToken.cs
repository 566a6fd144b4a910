namespace RedPajama.Udfs.Wiki;

/// <summary>The kinds of token the wikitext tokenizer emits (the same vocabulary as mwparserfromhell's).</summary>
internal enum WikitextTokenKind
{
    Text,
    TemplateOpen,
    TemplateParamSeparator,
    TemplateParamEquals,
    TemplateClose,
    ArgumentOpen,
    ArgumentSeparator,
    ArgumentClose,
    WikilinkOpen,
    WikilinkSeparator,
    WikilinkClose,
    ExternalLinkOpen,
    ExternalLinkSeparator,
    ExternalLinkClose,
    HtmlEntityStart,
    HtmlEntityNumeric,
    HtmlEntityHex,
    HtmlEntityEnd,
    HeadingStart,
    HeadingEnd,
    CommentStart,
    CommentEnd,
    TagOpenOpen,
    TagAttrStart,
    TagAttrEquals,
    TagAttrQuote,
    TagCloseOpen,
    TagCloseSelfclose,
    TagOpenClose,
    TagCloseClose,
}

/// <summary>
/// One token: its kind, a text (the text of a <see cref="WikitextTokenKind.Text"/> token, the wiki markup of a tag
/// token), a flag (an external link's brackets, an invalid closing tag) and a heading level.
/// </summary>
internal sealed class WikitextToken(WikitextTokenKind kind, string? text = null, bool flag = false, int level = 0)
{
    public WikitextTokenKind Kind { get; } = kind;

    public string? Text { get; } = text;

    public bool Flag { get; set; } = flag;

    public int Level { get; } = level;
}
