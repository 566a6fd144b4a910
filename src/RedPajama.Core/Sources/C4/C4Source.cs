using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Reading;

namespace RedPajama.Sources.C4;

/// <summary>
/// RedPajama's C4 subset: the <c>allenai/c4</c> <c>en</c> files (<c>c4-train.NNNNN-of-01024.json.gz</c>, one
/// <c>{"text", "timestamp", "url"}</c> object a line) reformatted as <c>c4_reformat.py</c> does, to
/// <c>{"text": …, "meta": {"timestamp": …, "url": …, "language": "en", "source": "c4"}}</c>. No filter, no dedup: RedPajama
/// took C4 as it is. Its section is <c>c4:</c> (<see cref="C4Config"/>). A line that is not a C4 record — not JSON, not
/// valid UTF-8, a key twice (upstream's <c>json.loads</c> would keep the last value; here it is a counted skip, as issue
/// 18 asks), over <see cref="MaxLineBytes"/> — is a counted skip named by file and line.
/// </summary>
public sealed class C4Source : PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string SourceName = "c4";

    /// <summary>The meta field holding the language (always <c>en</c>), the field language ID writes elsewhere.</summary>
    public const string LanguageField = LanguageId.LanguageIdStep.LanguageField;

    /// <summary>The meta field naming the subset (always <c>c4</c>).</summary>
    public const string SourceField = "source";

    /// <summary>
    /// The longest line read (16 MiB): C4's pages are a few KB (the longest a few hundred KB), so a longer line is
    /// not a page; it is skipped as <see cref="ReadDropReasons.TooLarge"/> without being held in memory, and the
    /// rest of the file is read.
    /// </summary>
    public const int MaxLineBytes = 16 << 20;

    /// <summary>The record's meta fields, in <c>process_record</c>'s key order.</summary>
    public static MetaSchema Schema { get; } = new(
        new MetaField("timestamp", MetaType.Text),
        new MetaField("url", MetaType.Text),
        new MetaField(LanguageField, MetaType.Text),
        new MetaField(SourceField, MetaType.Text));

    /// <inheritdoc />
    public override string Name => SourceName;

    /// <inheritdoc />
    public override Type SectionType => typeof(C4Config);

    /// <summary>True for <c>allenai/c4</c>'s files (<c>*.json.gz</c>, <c>*.json</c>) and JSON lines.</summary>
    /// <param name="path">A file path.</param>
    /// <returns>Whether the source reads it from a directory or glob.</returns>
    public override bool Accepts(string path) => Documents.DocumentsReader.IsJsonLines(path);

    /// <inheritdoc />
    public override PipelineDescription Describe(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new PipelineDescription(
            SourceName,
            Schema,
            new JsonlRowReader(MaxLineBytes, refuseDuplicateKeys: true),
            [new C4RecordStep(Schema)],
            JsonLayout.TextThenMeta)
        {
            // c4_reformat.py writes c4-train.00000-of-01024.jsonl for c4-train.00000-of-01024.json.gz.
            NamesPartsAfterInputs = true,
        };
    }
}
