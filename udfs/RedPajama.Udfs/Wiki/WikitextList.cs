using System.Text;

namespace RedPajama.Udfs.Wiki;

/// <summary>A sequence of nodes (mwparserfromhell's <c>Wikicode</c>): a page, or a part of a node such as a link's text.</summary>
public sealed class WikitextList
{
    /// <summary>Creates a list over <paramref name="nodes"/> (taken, not copied).</summary>
    /// <param name="nodes">The nodes.</param>
    public WikitextList(List<WikitextNode> nodes) => Nodes = nodes;

    /// <summary>The nodes, in order; editable (the cleaner removes links and tags in place).</summary>
    public List<WikitextNode> Nodes { get; }

    /// <summary>Appends the wikitext of every node.</summary>
    /// <param name="output">The buffer written to.</param>
    public void WriteWikitext(StringBuilder output)
    {
        foreach (WikitextNode node in Nodes)
        {
            node.WriteWikitext(output);
        }
    }

    /// <summary>The list's wikitext.</summary>
    /// <returns>The source form rebuilt from the tree.</returns>
    public override string ToString()
    {
        // Most names and titles are one text node: its string is the answer, with nothing built.
        switch (Nodes.Count)
        {
            case 0:
                return string.Empty;
            case 1 when Nodes[0] is WikitextText text:
                return text.Value;
        }

        var output = new StringBuilder();
        WriteWikitext(output);
        return output.ToString();
    }
}
