using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.C4;
using RedPajama.Udfs.Quality;

namespace RedPajama.Sources.C4Clean;

/// <summary>TFDS C4's <c>is_valid_length</c>: a page whose text has more code points than the limit is dropped.</summary>
/// <param name="maxLength">The most code points a page may have (upstream 1.9e5).</param>
public sealed class C4LengthStep(long maxLength) : IDocumentStep
{
    /// <summary>Upstream's limit (<c>max_length=1.9e5</c>).</summary>
    public const long DefaultMaxLength = 190_000;

    /// <inheritdoc />
    public string Name => "c4_length";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);

        // UTF-16 length bounds the code point count from above: most pages need no count.
        if (document.Text.Length > maxLength && PythonText.CodePointCount(document.Text) > maxLength)
        {
            document.Drop(TfdsDropReasons.ContentTooLong);
        }
    }
}
