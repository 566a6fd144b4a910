using System.Globalization;
using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// Sets the released record's <c>source</c> field. RedPajama wrote <c>cc/&lt;cc_net output file&gt;/line&lt;k&gt;</c>,
/// naming a file of its own intermediate output; this writes <c>cc/&lt;cc_segment&gt;/record&lt;k&gt;</c>, the WET
/// segment and the record's index in it, so a document can be found again in the raw dump.
/// </summary>
public sealed class SourceFieldStep : IDocumentStep
{
    /// <summary>The field set.</summary>
    public const string SourceField = "source";

    private readonly int _segment;
    private readonly int _source;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, with the text fields <c>cc_segment</c> and <c>source</c>.</param>
    public SourceFieldStep(MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _segment = meta.Require(CommonCrawlMeta.CcSegment);
        _source = meta.Require(SourceField);
    }

    /// <inheritdoc />
    public string Name => "source_field";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Meta[_source] = string.Create(CultureInfo.InvariantCulture, $"cc/{document.Meta[_segment] as string}/record{document.Order.Record}");
    }
}
