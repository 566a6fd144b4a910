using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Wiki;

namespace RedPajama.Sources.Wikipedia;

/// <summary>
/// The extractor: a page's wikitext becomes the article text as the HuggingFace <c>wikipedia</c> builder made it
/// (<see cref="WikipediaArticleCleaner"/>: sections stripped of code, media links, references and tables, category
/// prefixes and magic words, joined by blank lines), with the builder's per-language namespace aliases and the dump's
/// own File and Category names. An article left empty is dropped, as the builder drops it; so is a page the parser
/// fails on (the builder's <c>parser errors</c>), with its own reason.
/// </summary>
public sealed class WikipediaCleanStep : IDocumentStep
{
    /// <summary>Drop reason of an article whose text is empty once cleaned.</summary>
    public const string EmptyArticle = "empty_article";

    /// <summary>Drop reason of a page the wikitext parser failed on.</summary>
    public const string ParseError = "parse_error";

    private readonly int _language;
    private readonly int _namespaces;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema (<see cref="WikipediaMeta.All"/>).</param>
    public WikipediaCleanStep(MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _language = meta.Require(WikipediaMeta.Language);
        _namespaces = meta.IndexOf(WikipediaMeta.Namespaces);
    }

    /// <inheritdoc />
    public string Name => "wikipedia_clean";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string language = document.Meta[_language] as string ?? string.Empty;
        (List<string> media, List<string> categories) = DumpNamespaces(_namespaces < 0 ? null : document.Meta[_namespaces] as string);
        string? text;
        try
        {
            text = WikipediaArticleCleaner.Clean(document.Text, language, media, categories);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException or InsufficientExecutionStackException)
        {
            document.Drop(ParseError);
            return;
        }

        if (string.IsNullOrEmpty(text))
        {
            document.Drop(EmptyArticle);
            return;
        }

        document.Text = text;
    }

    // The reader's "6:File name\n14:Category name" lines.
    private static (List<string> Media, List<string> Categories) DumpNamespaces(string? encoded)
    {
        var media = new List<string>();
        var categories = new List<string>();
        foreach (string line in (encoded ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            (line.AsSpan(0, colon) is "6" ? media : line.AsSpan(0, colon) is "14" ? categories : null)?.Add(line[(colon + 1)..]);
        }

        return (media, categories);
    }
}
