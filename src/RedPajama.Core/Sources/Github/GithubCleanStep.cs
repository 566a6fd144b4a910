using System.Security.Cryptography;
using System.Text;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Code;

namespace RedPajama.Sources.Github;

/// <summary>
/// <c>github_clean_dedup_local.py</c>'s record: the MD5 of the raw content (the dedup key), the text cleaned by
/// <see cref="GithubCopyright.Clean"/>, its <see cref="GithubFileStatistics"/>, an empty timestamp and source
/// <c>github</c>.
/// </summary>
public sealed class GithubCleanStep : IDocumentStep
{
    private readonly int _hash;
    private readonly int _timestamp;
    private readonly int _source;
    private readonly int _lineCount;
    private readonly int _maxLineLength;
    private readonly int _averageLineLength;
    private readonly int _alphanumericShare;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, holding <see cref="GithubMeta.Leading"/>.</param>
    public GithubCleanStep(MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _hash = meta.Require(GithubMeta.ContentHash);
        _timestamp = meta.Require(GithubMeta.Timestamp);
        _source = meta.Require(GithubMeta.Source);
        _lineCount = meta.Require("line_count");
        _maxLineLength = meta.Require("max_line_length");
        _averageLineLength = meta.Require("avg_line_length");
        _alphanumericShare = meta.Require("alnum_prop");
    }

    /// <inheritdoc />
    public string Name => "github_clean";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Meta[_hash] = Md5Hex(document.Text);
        string cleaned = GithubCopyright.Clean(document.Text);
        GithubFileStatistics statistics = GithubFileStatistics.Of(cleaned);
        document.Text = cleaned;
        document.Meta[_timestamp] = string.Empty;
        document.Meta[_source] = "github";
        document.Meta[_lineCount] = (long)statistics.LineCount;
        document.Meta[_maxLineLength] = (long)statistics.MaxLineLength;
        document.Meta[_averageLineLength] = statistics.AverageLineLength;
        document.Meta[_alphanumericShare] = statistics.AlphanumericShare;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "Not security: RedPajama keys its file dedup on the MD5 of the raw content.")]
    private static string Md5Hex(string text) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
