using System.Globalization;

namespace RedPajama.Udfs.Wiki;

/// <summary>
/// Parses wikitext into a node tree the way <c>mwparserfromhell.parse</c> does: the tokenizer's grammar (templates,
/// arguments, wikilinks, external links, tags, wiki markup, headings, comments, entities, tables), then a tree built
/// from the tokens. Markup that does not close, or nests deeper than 40 levels, stays text.
/// </summary>
public static class WikitextParser
{
    /// <summary>Parses <paramref name="wikitext"/>.</summary>
    /// <param name="wikitext">The page's source.</param>
    /// <returns>The top-level node list.</returns>
    public static WikitextList Parse(string wikitext)
    {
        ArgumentNullException.ThrowIfNull(wikitext);
        List<WikitextToken> tokens = WikitextTokenizer.Tokenize(wikitext);
        WikitextList page = new Builder(tokens).BuildAll();
        WikitextTokenizer.Recycle(tokens);
        return page;
    }

    private sealed class Builder(List<WikitextToken> tokens)
    {
        private int _index;

        public WikitextList BuildAll()
        {
            var nodes = new List<WikitextNode>();
            while (_index < tokens.Count)
            {
                nodes.Add(Node(Next()));
            }

            return new WikitextList(nodes);
        }

        private WikitextToken Next() =>
            _index < tokens.Count ? tokens[_index++] : throw new InvalidOperationException("the token stream ended inside a node");

        private WikitextTokenKind PeekKind() =>
            _index < tokens.Count ? tokens[_index].Kind : throw new InvalidOperationException("the token stream ended inside a node");

        /// <summary>The set of <paramref name="kinds"/> as bits by kind, for <see cref="Until"/>.</summary>
        private static ulong Kinds(params ReadOnlySpan<WikitextTokenKind> kinds)
        {
            ulong set = 0;
            foreach (WikitextTokenKind kind in kinds)
            {
                set |= 1UL << (int)kind;
            }

            return set;
        }

        /// <summary>Nodes up to (not including) the first token of one of the <paramref name="stops"/> kinds (<see cref="Kinds"/>).</summary>
        private WikitextList Until(ulong stops)
        {
            var nodes = new List<WikitextNode>();
            while ((stops & (1UL << (int)PeekKind())) == 0)
            {
                nodes.Add(Node(Next()));
            }

            return new WikitextList(nodes);
        }

        private WikitextNode Node(WikitextToken token) => token.Kind switch
        {
            WikitextTokenKind.Text => new WikitextText(token.Text!),
            WikitextTokenKind.TemplateOpen => Template(),
            WikitextTokenKind.ArgumentOpen => Argument(),
            WikitextTokenKind.WikilinkOpen => Wikilink(),
            WikitextTokenKind.ExternalLinkOpen => ExternalLink(token.Flag),
            WikitextTokenKind.HtmlEntityStart => Entity(),
            WikitextTokenKind.HeadingStart => Heading(token.Level),
            WikitextTokenKind.CommentStart => Comment(),
            WikitextTokenKind.TagOpenOpen => Tag(token),
            _ => throw new InvalidOperationException($"unexpected token {token.Kind}"),
        };

        private WikitextTemplate Template()
        {
            WikitextList name = Until(Kinds(WikitextTokenKind.TemplateParamSeparator, WikitextTokenKind.TemplateClose));
            var parameters = new List<(WikitextList?, WikitextList)>();
            while (Next().Kind == WikitextTokenKind.TemplateParamSeparator)
            {
                WikitextList first = Until(Kinds(WikitextTokenKind.TemplateParamEquals, WikitextTokenKind.TemplateParamSeparator, WikitextTokenKind.TemplateClose));
                if (PeekKind() == WikitextTokenKind.TemplateParamEquals)
                {
                    _index++;
                    WikitextList value = Until(Kinds(WikitextTokenKind.TemplateParamSeparator, WikitextTokenKind.TemplateClose));
                    parameters.Add((first, value));
                }
                else
                {
                    parameters.Add((null, first));
                }
            }

            return new WikitextTemplate(name, parameters);
        }

        private WikitextArgument Argument()
        {
            WikitextList name = Until(Kinds(WikitextTokenKind.ArgumentSeparator, WikitextTokenKind.ArgumentClose));
            WikitextList? defaultValue = null;
            if (Next().Kind == WikitextTokenKind.ArgumentSeparator)
            {
                defaultValue = Until(Kinds(WikitextTokenKind.ArgumentClose));
                _index++;
            }

            return new WikitextArgument(name, defaultValue);
        }

        private WikitextWikilink Wikilink()
        {
            WikitextList title = Until(Kinds(WikitextTokenKind.WikilinkSeparator, WikitextTokenKind.WikilinkClose));
            WikitextList? text = null;
            if (Next().Kind == WikitextTokenKind.WikilinkSeparator)
            {
                text = Until(Kinds(WikitextTokenKind.WikilinkClose));
                _index++;
            }

            return new WikitextWikilink(title, text);
        }

        private WikitextExternalLink ExternalLink(bool brackets)
        {
            WikitextList url = Until(Kinds(WikitextTokenKind.ExternalLinkSeparator, WikitextTokenKind.ExternalLinkClose));
            WikitextList? title = null;
            if (Next().Kind == WikitextTokenKind.ExternalLinkSeparator)
            {
                title = Until(Kinds(WikitextTokenKind.ExternalLinkClose));
                _index++;
            }

            return new WikitextExternalLink(url, title, brackets);
        }

        private WikitextHtmlEntity Entity()
        {
            WikitextToken token = Next();
            bool numeric = false;
            string? hexChar = null;
            if (token.Kind == WikitextTokenKind.HtmlEntityNumeric)
            {
                numeric = true;
                token = Next();
                if (token.Kind == WikitextTokenKind.HtmlEntityHex)
                {
                    hexChar = token.Text;
                    token = Next();
                }
            }

            string value = token.Text!;
            _index++;
            int codePoint;
            string source;
            if (!numeric)
            {
                HtmlEntityNames.TryGet(value, out codePoint);
                source = "&" + value + ";";
            }
            else if (hexChar is not null)
            {
                codePoint = int.Parse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                source = "&#" + hexChar + value + ";";
            }
            else
            {
                codePoint = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                source = "&#" + value + ";";
            }

            string character = codePoint is >= 0xD800 and <= 0xDFFF ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint);
            return new WikitextHtmlEntity(source, character);
        }

        private WikitextHeading Heading(int level)
        {
            WikitextList title = Until(Kinds(WikitextTokenKind.HeadingEnd));
            _index++;
            return new WikitextHeading(title, level);
        }

        private WikitextComment Comment()
        {
            WikitextList contents = Until(Kinds(WikitextTokenKind.CommentEnd));
            _index++;
            return new WikitextComment(contents.ToString());
        }

        private WikitextTag Tag(WikitextToken open)
        {
            WikitextList name = Until(Kinds(WikitextTokenKind.TagAttrStart, WikitextTokenKind.TagCloseOpen, WikitextTokenKind.TagCloseSelfclose));
            while (PeekKind() == WikitextTokenKind.TagAttrStart)
            {
                _index++;
                SkipAttribute();
            }

            if (Next().Kind == WikitextTokenKind.TagCloseSelfclose)
            {
                return new WikitextTag(name, null, open.Text);
            }

            WikitextList contents = Until(Kinds(WikitextTokenKind.TagOpenClose));
            _index++;
            Until(Kinds(WikitextTokenKind.TagCloseClose));
            _index++;
            return new WikitextTag(name, contents, open.Text);
        }

        private void SkipAttribute()
        {
            while (true)
            {
                WikitextTokenKind kind = PeekKind();
                if (kind is WikitextTokenKind.TagAttrStart or WikitextTokenKind.TagCloseOpen or WikitextTokenKind.TagCloseSelfclose)
                {
                    return;
                }

                if (kind is WikitextTokenKind.TagAttrEquals or WikitextTokenKind.TagAttrQuote)
                {
                    _index++;
                    continue;
                }

                Node(Next());
            }
        }
    }
}
