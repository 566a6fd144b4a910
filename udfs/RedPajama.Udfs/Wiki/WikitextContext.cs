namespace RedPajama.Udfs.Wiki;

/// <summary>The tokenizer's context bits: what construct a token stack is inside, and safety-check state.</summary>
internal static class WikitextContext
{
    public const long TemplateName = 1L << 0;
    public const long TemplateParamKey = 1L << 1;
    public const long TemplateParamValue = 1L << 2;
    public const long Template = TemplateName | TemplateParamKey | TemplateParamValue;
    public const long ArgumentName = 1L << 3;
    public const long ArgumentDefault = 1L << 4;
    public const long Argument = ArgumentName | ArgumentDefault;
    public const long WikilinkTitle = 1L << 5;
    public const long WikilinkText = 1L << 6;
    public const long Wikilink = WikilinkTitle | WikilinkText;
    public const long ExtLinkUri = 1L << 7;
    public const long ExtLinkTitle = 1L << 8;
    public const long ExtLink = ExtLinkUri | ExtLinkTitle;
    public const long HeadingLevel1 = 1L << 9;
    public const long Heading = 0x3FL << 9;
    public const long TagOpen = 1L << 15;
    public const long TagAttr = 1L << 16;
    public const long TagBody = 1L << 17;
    public const long TagClose = 1L << 18;
    public const long Tag = TagOpen | TagAttr | TagBody | TagClose;
    public const long StyleItalics = 1L << 19;
    public const long StyleBold = 1L << 20;
    public const long StylePassAgain = 1L << 21;
    public const long StyleSecondPass = 1L << 22;
    public const long Style = StyleItalics | StyleBold | StylePassAgain | StyleSecondPass;
    public const long DlTerm = 1L << 23;
    public const long HasText = 1L << 24;
    public const long FailOnText = 1L << 25;
    public const long FailNext = 1L << 26;
    public const long FailOnLeftBrace = 1L << 27;
    public const long FailOnRightBrace = 1L << 28;
    public const long FailOnEquals = 1L << 29;
    public const long HasTemplate = 1L << 30;
    public const long TableOpen = 1L << 31;
    public const long TableCellOpen = 1L << 32;
    public const long TableCellStyle = 1L << 33;
    public const long TableRowOpen = 1L << 34;
    public const long TableTdLine = 1L << 35;
    public const long TableThLine = 1L << 36;
    public const long TableCellLineContexts = TableTdLine | TableThLine | TableCellStyle;
    public const long Table = TableOpen | TableCellOpen | TableCellStyle | TableRowOpen | TableTdLine | TableThLine;
    public const long HtmlEntity = 1L << 37;

    public const long Fail = Template | Argument | Wikilink | ExtLinkTitle | Heading | Tag | Style | Table;
    public const long Unsafe = TemplateName | WikilinkTitle | ExtLinkTitle | TemplateParamKey | ArgumentName | TagClose;
    public const long DoublePush = TemplateParamKey | TagClose | TableRowOpen;
    public const long NoWikilinks = TemplateName | ArgumentName | WikilinkTitle | ExtLinkUri;
    public const long NoExtLinks = TemplateName | ArgumentName | WikilinkTitle | ExtLink;

    /// <summary>Global flag: a heading is being parsed (headings do not nest).</summary>
    public const long GlobalHeading = 1L << 0;
}
