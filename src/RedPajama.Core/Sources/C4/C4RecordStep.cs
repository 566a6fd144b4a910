using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Sources.C4;

/// <summary>
/// RedPajama's C4 record (<c>c4_reformat.py</c> <c>process_record</c>): the document keeps <c>timestamp</c> and
/// <c>url</c> and gets <c>language</c> <c>"en"</c> and <c>source</c> <c>"c4"</c>, whatever the input held.
/// </summary>
public sealed class C4RecordStep : IDocumentStep
{
    private readonly int _language;
    private readonly int _source;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The C4 meta schema (<see cref="C4Source.Schema"/>).</param>
    public C4RecordStep(MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _language = meta.Require(C4Source.LanguageField);
        _source = meta.Require(C4Source.SourceField);
    }

    /// <inheritdoc />
    public string Name => "c4_record";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Meta[_language] = "en";
        document.Meta[_source] = "c4";
    }
}
