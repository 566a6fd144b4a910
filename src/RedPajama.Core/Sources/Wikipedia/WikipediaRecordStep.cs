using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Text;

namespace RedPajama.Sources.Wikipedia;

/// <summary>
/// RedPajama's <c>convert_format.py</c> record: the URL the HuggingFace builder wrote
/// (<c>https://{language}.wikipedia.org/wiki/</c> + <c>urllib.parse.quote(title)</c>) and the dump date as the timestamp.
/// </summary>
public sealed class WikipediaRecordStep : IDocumentStep
{
    private readonly int _title;
    private readonly int _url;
    private readonly int _language;
    private readonly int _timestamp;
    private readonly string? _dumpDate;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema (<see cref="WikipediaMeta.All"/>).</param>
    /// <param name="dumpDate">The timestamp of every record; null keeps the reader's (from the file name).</param>
    public WikipediaRecordStep(MetaSchema meta, string? dumpDate)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _title = meta.Require(WikipediaMeta.Title);
        _url = meta.Require(WikipediaMeta.Url);
        _language = meta.Require(WikipediaMeta.Language);
        _timestamp = meta.Require(WikipediaMeta.Timestamp);
        _dumpDate = dumpDate;
    }

    /// <inheritdoc />
    public string Name => "wikipedia_record";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string title = document.Meta[_title] as string ?? string.Empty;
        string language = document.Meta[_language] as string ?? string.Empty;
        document.Meta[_url] = $"https://{language}.wikipedia.org/wiki/{PythonUrlQuote.Quote(title)}";
        if (_dumpDate is not null)
        {
            document.Meta[_timestamp] = _dumpDate;
        }
    }
}
