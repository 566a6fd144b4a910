using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Steps;

/// <summary>Drops documents whose text is empty or only whitespace, as <c>empty</c>.</summary>
public sealed class DropEmptyStep : IDocumentStep
{
    /// <summary>The drop reason.</summary>
    public const string Reason = "empty";

    /// <inheritdoc />
    public string Name => "drop_empty";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrWhiteSpace(document.Text))
        {
            document.Drop(Reason);
        }
    }
}
