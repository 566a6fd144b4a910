using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Text;

namespace RedPajama.Steps;

/// <summary>Rewrites CRLF and lone CR line breaks as LF.</summary>
public sealed class NormalizeLineEndingsStep : IDocumentStep
{
    /// <inheritdoc />
    public string Name => "normalize_line_endings";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Text = LineEndings.ToLf(document.Text);
    }
}
