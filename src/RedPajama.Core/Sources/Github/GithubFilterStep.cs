using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Code;

namespace RedPajama.Sources.Github;

/// <summary>
/// <c>github_run_filter.py</c>'s <c>discard_record</c> as a step (<see cref="GithubFileFilter"/>): empty text, a path
/// outside the suffix whitelist, a line over 1000 code points, more than 100 code points per line, under 25%
/// alphanumerics, fewer than 1.5 letters per GPT-NeoX token; the first rule that holds names the drop.
/// </summary>
public sealed class GithubFilterStep : IDocumentStep
{
    private readonly int _path;
    private readonly int _lineCount;
    private readonly int _maxLineLength;
    private readonly int _averageLineLength;
    private readonly int _alphanumericShare;
    private readonly Func<string, int>? _countTokens;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, holding the path and <see cref="GithubMeta.Leading"/>.</param>
    /// <param name="countTokens">Counts GPT-NeoX tokens; null leaves out the letters-per-token rule.</param>
    /// <param name="pathField">The field holding the file's path (BigQuery's <c>path</c>).</param>
    public GithubFilterStep(MetaSchema meta, Func<string, int>? countTokens, string pathField = GithubMeta.Path)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _path = meta.Require(pathField);
        _lineCount = meta.Require("line_count");
        _maxLineLength = meta.Require("max_line_length");
        _averageLineLength = meta.Require("avg_line_length");
        _alphanumericShare = meta.Require("alnum_prop");
        _countTokens = countTokens;
    }

    /// <inheritdoc />
    public string Name => "github_filter";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);

        // The statistics the clean step recorded, as upstream reads them back from meta.
        var statistics = new GithubFileStatistics(
            (int)(document.Meta[_lineCount] as long? ?? 0),
            (int)(document.Meta[_maxLineLength] as long? ?? 0),
            document.Meta[_averageLineLength] as double? ?? 0,
            document.Meta[_alphanumericShare] as double? ?? 0);
        string path = document.Meta[_path] as string ?? string.Empty;
        if (GithubFileFilter.Judge(document.Text, path, statistics, _countTokens) is { } reason)
        {
            document.Drop(reason);
        }
    }
}
