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
/// token), a flag (an external link's brackets, an invalid closing tag) and a heading level. Immutable, so the bare
/// tokens (kind only) are shared.
/// </summary>
internal sealed class WikitextToken(WikitextTokenKind kind, string? text = null, bool flag = false, int level = 0)
{
    private static readonly WikitextToken[] s_bare = Enum.GetValues<WikitextTokenKind>().Select(k => new WikitextToken(k)).ToArray();

    public WikitextTokenKind Kind { get; } = kind;

    public string? Text { get; } = text;

    public bool Flag { get; } = flag;

    public int Level { get; } = level;

    /// <summary>The shared token of <paramref name="kind"/> with no text, flag or level.</summary>
    public static WikitextToken Bare(WikitextTokenKind kind) => s_bare[(int)kind];

    /// <summary>This token with its flag set.</summary>
    public WikitextToken WithFlag() => Flag ? this : new WikitextToken(Kind, Text, true, Level);
}
