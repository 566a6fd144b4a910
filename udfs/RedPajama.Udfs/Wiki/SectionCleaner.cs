using System.Text.RegularExpressions;

namespace RedPajama.Udfs.Wiki;

/// <summary>
/// The builder's two passes over one section: every wikilink (nested ones included, depth first, a node before its
/// children) is removed when its title starts with a media prefix, or gets its stripped text with the category prefix
/// cut when it is a category link; then every <c>ref</c> and <c>table</c> tag is removed.
/// </summary>
/// <remarks>
/// mwparserfromhell walks nested node lists with a plain list iterator while the builder removes from them, so the
/// node right after a removed nested node is not visited (a second media link or ref in a row inside a tag's body, a
/// link's text or a heading survives). The walk here keeps that: after a removal at index i it goes on at i + 1.
/// Top-level nodes are listed before the walk, so none is skipped there. Removed subtrees are not walked (nothing in
/// them can change the text).
/// </remarks>
internal sealed class SectionCleaner(Regex media, Regex category)
{
    private bool _tagsPass;

    /// <summary>The wikilink pass.</summary>
    public void CleanLinks(List<WikitextNode> section)
    {
        _tagsPass = false;
        WalkTop(section);
    }

    /// <summary>The tag pass.</summary>
    public void RemoveTags(List<WikitextNode> section)
    {
        _tagsPass = true;
        WalkTop(section);
    }

    private void WalkTop(List<WikitextNode> section)
    {
        // Every top-level node is visited; the kept ones are moved down in place (one pass, no copy).
        int kept = 0;
        for (int i = 0; i < section.Count; i++)
        {
            WikitextNode node = section[i];
            if (Matches(node))
            {
                continue;
            }

            WalkChildren(node);
            section[kept++] = node;
        }

        section.RemoveRange(kept, section.Count - kept);
    }

    /// <summary>Whether the node is removed (and, for a category link, cleans it).</summary>
    private bool Matches(WikitextNode node)
    {
        if (_tagsPass)
        {
            return node is WikitextTag tag && tag.Name.ToString() is "ref" or "table";
        }

        if (node is not WikitextWikilink link)
        {
            return false;
        }

        string title = link.Title.ToString();
        if (media.IsMatch(title))
        {
            return true;
        }

        if (category.IsMatch(title))
        {
            string text = WikitextStripCode.Strip(link.Text ?? link.Title);
            text = category.Replace(text, string.Empty, 1);
            link.Text = WikitextParser.Parse(text);
        }

        return false;
    }

    private void WalkList(List<WikitextNode> nodes)
    {
        for (int i = 0; i < nodes.Count; i++)
        {
            WikitextNode node = nodes[i];
            if (Matches(node))
            {
                nodes.RemoveAt(i);
                continue;
            }

            WalkChildren(node);
        }
    }

    private void WalkChildren(WikitextNode node)
    {
        switch (node)
        {
            case WikitextTemplate template:
                WalkList(template.Name.Nodes);
                foreach ((WikitextList? name, WikitextList value) in template.Parameters)
                {
                    if (name is not null)
                    {
                        WalkList(name.Nodes);
                    }

                    WalkList(value.Nodes);
                }

                break;
            case WikitextArgument argument:
                WalkList(argument.Name.Nodes);
                if (argument.Default is not null)
                {
                    WalkList(argument.Default.Nodes);
                }

                break;
            case WikitextWikilink link:
                WalkList(link.Title.Nodes);
                if (link.Text is not null)
                {
                    WalkList(link.Text.Nodes);
                }

                break;
            case WikitextExternalLink link:
                WalkList(link.Url.Nodes);
                if (link.Title is not null)
                {
                    WalkList(link.Title.Nodes);
                }

                break;
            case WikitextTag tag:
                if (tag.WikiMarkup is null)
                {
                    WalkList(tag.Name.Nodes);
                }

                if (tag.Contents is not null)
                {
                    WalkList(tag.Contents.Nodes);
                }

                break;
            case WikitextHeading heading:
                WalkList(heading.Title.Nodes);
                break;
            default:
                break;
        }
    }
}
