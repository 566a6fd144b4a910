using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>The fields of one <c>&lt;page&gt;</c> the reader uses.</summary>
/// <param name="Title">The <c>&lt;title&gt;</c>, or null.</param>
/// <param name="Namespace">The <c>&lt;ns&gt;</c> text as written, or null.</param>
/// <param name="Id">The page's own <c>&lt;id&gt;</c> text, or null.</param>
/// <param name="Redirect">Whether the page has a <c>&lt;redirect&gt;</c> element.</param>
/// <param name="Text">The last <c>&lt;revision&gt;</c>'s <c>&lt;text&gt;</c>, entities decoded; null when absent or empty.</param>
internal sealed record ParsedPage(string? Title, string? Namespace, string? Id, bool Redirect, string? Text);

/// <summary>Parses a page element cut by <see cref="PageSplitter"/> in the root element's namespace context.</summary>
internal static partial class PageParser
{
    /// <summary>Creates the parser context that declares the root element's namespaces.</summary>
    public static XmlParserContext Context(SiteInfo site)
    {
        var names = new NameTable();
        var manager = new XmlNamespaceManager(names);
        foreach ((string prefix, string uri) in site.RootNamespaces)
        {
            if (prefix is not "xml" and not "xmlns")
            {
                manager.AddNamespace(prefix, uri);
            }
        }

        return new XmlParserContext(names, manager, null, XmlSpace.None);
    }

    /// <summary>Parses one page element.</summary>
    /// <exception cref="XmlException">The element is not well-formed or not a page.</exception>
    public static ParsedPage Parse(string xml, XmlParserContext context)
    {
        string? title = null, ns = null, id = null, text = null;
        bool redirect = false;
        using var reader = XmlReader.Create(new StringReader(xml), DumpXml.Settings(ConformanceLevel.Fragment), context);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "page")
        {
            throw new XmlException("not a <page> element");
        }

        if (!reader.IsEmptyElement)
        {
            int depth = reader.Depth;
            Advance(reader);
            while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
                {
                    Advance(reader);
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "title" when title is null:
                        title = Content(reader);
                        break;
                    case "ns" when ns is null:
                        ns = Content(reader);
                        break;
                    case "id" when id is null:
                        id = Content(reader);
                        break;
                    case "redirect":
                        redirect = true;
                        reader.Skip();
                        break;
                    case "revision":
                        text = RevisionText(reader) ?? text;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        // Nothing but the element itself.
        while (reader.Read())
        {
            if (reader.NodeType is not XmlNodeType.Whitespace and not XmlNodeType.SignificantWhitespace)
            {
                throw new XmlException("content after </page>");
            }
        }

        return new ParsedPage(title, ns, id, redirect, string.IsNullOrEmpty(text) ? null : text);
    }

    /// <summary>The page id as an integer, or null when it is not one.</summary>
    public static long? ParseId(string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;

    /// <summary>The title in the first characters of a page too large to parse, or null.</summary>
    public static string? TitleFromPrefix(string prefix)
    {
        Match match = TitleElement().Match(prefix);
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    /// <summary>The revision's text (null when it has none); leaves the reader after the revision.</summary>
    private static string? RevisionText(XmlReader reader)
    {
        string? text = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return null;
        }

        int depth = reader.Depth;
        Advance(reader);
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.LocalName == "text")
            {
                text = Content(reader);
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                Advance(reader);
            }
        }

        Advance(reader);
        return text;
    }

    /// <summary>An element's text content (empty for an empty element); leaves the reader after it.</summary>
    private static string Content(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        return reader.ReadElementContentAsString();
    }

    private static void Advance(XmlReader reader)
    {
        if (!reader.Read())
        {
            throw new XmlException("the page element ends early");
        }
    }

    [GeneratedRegex(@"<title>([^<]*)</title>", RegexOptions.CultureInvariant)]
    private static partial Regex TitleElement();
}
