using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.C4;

namespace RedPajama.Sources.C4Clean;

/// <summary>TFDS C4's <c>clean_page</c> as a step: the page's text becomes its kept lines, or the page is dropped with the rule's reason.</summary>
/// <param name="cleaner">The cleaner.</param>
public sealed class C4CleanPageStep(TfdsPageCleaner cleaner) : IDocumentStep
{
    /// <inheritdoc />
    public string Name => "c4_clean_page";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        TfdsCleanedPage page = cleaner.Clean(document.Text);
        if (page.DropReason is { } reason)
        {
            document.Drop(reason);
            return;
        }

        document.Text = page.Text!;
    }
}
