using System.Text;

namespace RedPajama.Udfs.Wiki;

/// <summary>
/// mwparserfromhell's <c>strip_code()</c> with its defaults (<c>normalize=True, collapse=True,
/// keep_template_params=False</c>): the printable text of a node list. Text stays; templates and comments go; a
/// template argument gives its default; a wikilink its text, else its title; a bracketed external link its title (or
/// nothing), a free one its URL; a tag its contents when it has a visible body; a heading its title; an entity its
/// character. Every list's result (nested ones too) loses leading and trailing newlines and has runs of three or more
/// newlines cut to two.
/// </summary>
public static class WikitextStripCode
{
    /// <summary>The stripped text of <paramref name="list"/>.</summary>
    /// <param name="list">The nodes.</param>
    /// <returns>The printable text.</returns>
    public static string Strip(WikitextList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        List<WikitextNode> nodes = list.Nodes;
        if (nodes.Count == 1)
        {
            return Collapse(StripNode(nodes[0]) ?? string.Empty);
        }

        var output = new StringBuilder();
        foreach (WikitextNode node in nodes)
        {
            output.Append(StripNode(node));
        }

        return Collapse(output.ToString());
    }

    /// <summary>
    /// The stripped text of <paramref name="nodes"/> appended to <paramref name="output"/> before its newlines are
    /// collapsed (<see cref="AppendCollapsed"/> does that): the top level of a section, built without a string.
    /// </summary>
    internal static void AppendUncollapsed(List<WikitextNode> nodes, WikitextTextBuffer output)
    {
        foreach (WikitextNode node in nodes)
        {
            output.Append(StripNode(node));
        }
    }

    /// <summary>
    /// Appends <paramref name="text"/> with every run of three or more newlines cut to two (the interior part of the
    /// collapse; the caller trims the ends).
    /// </summary>
    internal static void AppendCollapsed(ReadOnlySpan<char> text, WikitextTextBuffer output)
    {
        int run = text.IndexOf("\n\n\n", StringComparison.Ordinal);
        while (run >= 0)
        {
            output.Append(text[..(run + 2)]);
            text = text[(run + 2)..].TrimStart('\n');
            run = text.IndexOf("\n\n\n", StringComparison.Ordinal);
        }

        output.Append(text);
    }

    /// <summary>One node's printable text, or null when it has none.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The text, or null.</returns>
    public static string? StripNode(WikitextNode node) => node switch
    {
        WikitextText text => text.Value,
        WikitextArgument argument => argument.Default is null ? null : Strip(argument.Default),
        WikitextWikilink link => Strip(link.Text ?? link.Title),
        WikitextExternalLink link => !link.Brackets ? Strip(link.Url) : IsEmpty(link.Title) ? null : Strip(link.Title!),
        WikitextTag tag => !IsEmpty(tag.Contents) && WikitextTagNames.IsVisible(tag.Name.ToString()) ? Strip(tag.Contents!) : null,
        WikitextHeading heading => Strip(heading.Title),
        WikitextHtmlEntity entity => entity.Character,
        _ => null,
    };

    private static bool IsEmpty(WikitextList? list)
    {
        if (list is null)
        {
            return true;
        }

        foreach (WikitextNode node in list.Nodes)
        {
            if (node is not WikitextText { Value.Length: 0 })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trims newlines at both ends and cuts every run of three or more newlines to two.</summary>
    private static string Collapse(string text)
    {
        ReadOnlySpan<char> trimmed = text.AsSpan().Trim('\n');
        if (!trimmed.Contains("\n\n\n", StringComparison.Ordinal))
        {
            return trimmed.Length == text.Length ? text : trimmed.ToString();
        }

        var output = new WikitextTextBuffer();
        AppendCollapsed(trimmed, output);
        return output.ToString();
    }
}
