using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Books;

namespace RedPajama.Sources.Books;

/// <summary>
/// Decodes a raw Gutenberg file (<see cref="Document.RawContent"/>) with <see cref="GutenbergCleaner"/>: sets the
/// text and the header's title, author, language code and url, or drops the document with the cleaner's reason.
/// Documents without raw content (PG-19 and Books3 rows) keep their text; a <c>language</c> they carry is turned
/// into its code as well (<see cref="GutenbergLanguages"/>), so meta holds codes whatever the input layout.
/// </summary>
/// <param name="requireMarkers">Drop files without a START marker (<c>not_gutenberg</c>) instead of keeping them whole.</param>
public sealed class GutenbergCleanStep(bool requireMarkers) : IExtractStep
{
    private readonly int _title = BookMeta.Schema.Require(BookMeta.Title);
    private readonly int _author = BookMeta.Schema.Require(BookMeta.Author);
    private readonly int _language = BookMeta.Schema.Require(BookMeta.Language);
    private readonly int _url = BookMeta.Schema.Require(BookMeta.Url);

    /// <inheritdoc />
    public string Name => "gutenberg_clean";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.RawContent is not { } raw)
        {
            if (document.Meta[_language] is string language)
            {
                document.Meta[_language] = GutenbergLanguages.ToCode(language);
            }

            return;
        }

        document.RawContent = null;
        GutenbergCleaning cleaned = GutenbergCleaner.Clean(raw, requireMarkers);
        document.Text = cleaned.Text;
        document.Meta[_title] = cleaned.Metadata.Title;
        document.Meta[_author] = cleaned.Metadata.Author;
        document.Meta[_language] = cleaned.Metadata.Language;
        document.Meta[_url] = cleaned.Metadata.Url;
        if (cleaned.DropReason is { } reason)
        {
            document.Drop(reason);
        }
    }
}
