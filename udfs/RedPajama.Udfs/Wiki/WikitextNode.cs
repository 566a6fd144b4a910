namespace RedPajama.Udfs.Wiki;

/// <summary>
/// One node of a parsed wikitext tree, shaped like mwparserfromhell's nodes: text, templates, template arguments,
/// wikilinks, external links, tags (HTML, extension and wiki-markup ones such as bold, lists and tables), headings,
/// comments and HTML entities.
/// </summary>
public abstract class WikitextNode
{
    private protected WikitextNode()
    {
    }

    /// <summary>Appends the node's wikitext (its source form, rebuilt from the tree) to <paramref name="output"/>.</summary>
    /// <param name="output">The buffer written to.</param>
    public abstract void WriteWikitext(System.Text.StringBuilder output);

    /// <summary>The node's wikitext.</summary>
    /// <returns>The source form rebuilt from the tree.</returns>
    public override string ToString()
    {
        var output = new System.Text.StringBuilder();
        WriteWikitext(output);
        return output.ToString();
    }
}
