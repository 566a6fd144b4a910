using System.Text;

namespace RedPajama.Udfs.Wiki;

/// <summary>Plain text.</summary>
/// <param name="value">The text.</param>
public sealed class WikitextText(string value) : WikitextNode
{
    /// <summary>The text.</summary>
    public string Value { get; } = value;

    /// <inheritdoc />
    public override void WriteWikitext(StringBuilder output) => output.Append(Value);
}

/// <summary>A template transclusion <c>{{name|params}}</c>; its parameters are kept as wikitext lists.</summary>
/// <param name="name">The template's name.</param>
/// <param name="parameters">Each parameter: an optional name and a value.</param>
public sealed class WikitextTemplate(WikitextList name, IReadOnlyList<(WikitextList? Name, WikitextList Value)> parameters) : WikitextNode
{
    /// <summary>The template's name.</summary>
    public WikitextList Name { get; } = name;

    /// <summary>Each parameter: its name (null for a positional one) and its value.</summary>
    public IReadOnlyList<(WikitextList? Name, WikitextList Value)> Parameters { get; } = parameters;

    /// <inheritdoc />
    public override void WriteWikitext(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append("{{");
        Name.WriteWikitext(output);
        foreach ((WikitextList? parameterName, WikitextList value) in Parameters)
        {
            output.Append('|');
            if (parameterName is not null)
            {
                parameterName.WriteWikitext(output);
                output.Append('=');
            }

            value.WriteWikitext(output);
        }

        output.Append("}}");
    }
}

/// <summary>A template argument <c>{{{name|default}}}</c>.</summary>
/// <param name="name">The argument's name.</param>
/// <param name="defaultValue">The default, or null.</param>
public sealed class WikitextArgument(WikitextList name, WikitextList? defaultValue) : WikitextNode
{
    /// <summary>The argument's name.</summary>
    public WikitextList Name { get; } = name;

    /// <summary>The default value, or null when there is no separator.</summary>
    public WikitextList? Default { get; } = defaultValue;

    /// <inheritdoc />
    public override void WriteWikitext(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append("{{{");
        Name.WriteWikitext(output);
        if (Default is not null)
        {
            output.Append('|');
            Default.WriteWikitext(output);
        }

        output.Append("}}}");
    }
}

/// <summary>An internal link <c>[[title|text]]</c>.</summary>
/// <param name="title">The link target.</param>
/// <param name="text">The shown text, or null when there is no separator.</param>
public sealed class WikitextWikilink(WikitextList title, WikitextList? text) : WikitextNode
{
    /// <summary>The link target.</summary>
    public WikitextList Title { get; } = title;

    /// <summary>The shown text, or null when there is no separator; settable like mwparserfromhell's.</summary>
    public WikitextList? Text { get; set; } = text;

    /// <inheritdoc />
    public override void WriteWikitext(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append("[[");
        Title.WriteWikitext(output);
        if (Text is not null)
        {
            output.Append('|');
            Text.WriteWikitext(output);
        }

        output.Append("]]");
    }
}

/// <summary>An external link: bracketed <c>[url title]</c> or a free URL.</summary>
/// <param name="url">The URL.</param>
/// <param name="title">The title, or null.</param>
/// <param name="brackets">Whether the link was written in brackets.</param>
public sealed class WikitextExternalLink(WikitextList url, WikitextList? title, bool brackets) : WikitextNode
{
    /// <summary>The URL.</summary>
    public WikitextList Url { get; } = url;

    /// <summary>The title, or null.</summary>
    public WikitextList? Title { get; } = title;

    /// <summary>Whether the link was written in brackets.</summary>
    public bool Brackets { get; } = brackets;

    /// <inheritdoc />
    public override void WriteWikitext(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Brackets)
        {
            Url.WriteWikitext(output);
            return;
        }

        output.Append('[');
        Url.WriteWikitext(output);
        if (Title is not null)
        {
            output.Append(' ');
            Title.WriteWikitext(output);
        }

        output.Append(']');
    }
}

/// <summary>
/// A tag: HTML or extension (<c>&lt;ref&gt;</c>), or wiki markup that mwparserfromhell models as one (bold, italics,
/// list markers, horizontal rules, tables, rows and cells).
/// </summary>
/// <param name="name">The tag's name as wikitext.</param>
/// <param name="contents">The contents, or null for a self-closing tag.</param>
/// <param name="wikiMarkup">The wiki markup that stands for the tag, or null for an HTML-style tag.</param>
public sealed class WikitextTag(WikitextList name, WikitextList? contents, string? wikiMarkup) : WikitextNode
{
    /// <summary>The tag's name as wikitext.</summary>
    public WikitextList Name { get; } = name;

    /// <summary>The contents, or null for a self-closing tag.</summary>
    public WikitextList? Contents { get; } = contents;

    /// <summary>The wiki markup standing for the tag (<c>''</c>, <c>*</c>, <c>{|</c>…), or null.</summary>
    public string? WikiMarkup { get; } = wikiMarkup;

    /// <inheritdoc />
    public override void WriteWikitext(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string name = Name.ToString();
        if (WikiMarkup is not null)
        {
            output.Append(WikiMarkup);
            Contents?.WriteWikitext(output);
            return;
        }

        output.Append('<').Append(name);
        if (Contents is null)
        {
            output.Append(" />");
            return;
        }

        output.Append('>');
        Contents.WriteWikitext(output);
        output.Append("</").Append(name).Append('>');
    }
}

/// <summary>A section heading <c>== title ==</c>.</summary>
/// <param name="title">The heading's title.</param>
/// <param name="level">The level, 1 to 6.</param>
public sealed class WikitextHeading(WikitextList title, int level) : WikitextNode
{
    /// <summary>The heading's title.</summary>
    public WikitextList Title { get; } = title;

    /// <summary>The level, 1 to 6.</summary>
    public int Level { get; } = level;

    /// <inheritdoc />
    public override void WriteWikitext(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append('=', Level);
        Title.WriteWikitext(output);
        output.Append('=', Level);
    }
}

/// <summary>An HTML comment <c>&lt;!-- … --&gt;</c>.</summary>
/// <param name="contents">The text between the markers.</param>
public sealed class WikitextComment(string contents) : WikitextNode
{
    /// <summary>The text between the markers.</summary>
    public string Contents { get; } = contents;

    /// <inheritdoc />
    public override void WriteWikitext(StringBuilder output) => output.Append("<!--").Append(Contents).Append("-->");
}

/// <summary>An HTML character reference: named (<c>&amp;amp;</c>) or numeric (<c>&amp;#160;</c>, <c>&amp;#xA0;</c>).</summary>
/// <param name="source">The reference as written.</param>
/// <param name="character">The character it stands for.</param>
public sealed class WikitextHtmlEntity(string source, string character) : WikitextNode
{
    /// <summary>The reference as written, <c>&amp;</c> and <c>;</c> included.</summary>
    public string Source { get; } = source;

    /// <summary>The character it stands for (one code point, maybe a surrogate pair).</summary>
    public string Character { get; } = character;

    /// <inheritdoc />
    public override void WriteWikitext(StringBuilder output) => output.Append(Source);
}
