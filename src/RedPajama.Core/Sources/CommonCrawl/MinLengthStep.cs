using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Quality;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>Drops documents whose text has fewer Unicode code points than a minimum (Python <c>len</c>), as <c>too_short</c>.</summary>
/// <param name="minLength">The minimum number of code points.</param>
public sealed class MinLengthStep(long minLength) : IDocumentStep
{
    /// <summary>The drop reason.</summary>
    public const string Reason = "too_short";

    /// <inheritdoc />
    public string Name => "min_length";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);

        // Code points, not UTF-16 units: a surrogate pair is one character to Python.
        if (PythonText.CodePointCount(document.Text) < minLength)
        {
            document.Drop(Reason);
        }
    }
}
