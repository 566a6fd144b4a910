using System.Globalization;
using System.Text;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Sources.Github.Repositories;
using RedPajama.Udfs.Code.Licenses;
using RedPajama.Udfs.Hashing;

namespace RedPajama.Sources.Github;

/// <summary>
/// The licence of a repository read from its files, as GitHub's licensee decides it (the answer BigQuery's
/// <c>licenses</c> table holds): a grouped step keyed on <c>repo_name</c>. Each root licence or copying file (not the
/// README: licensee's library, unlike its command line, reads licence files only) is
/// matched against the licence texts where it is read (<see cref="LicenseDetector.Match(string, string)"/>), only the small answer
/// travels with the key, and the group decides the repository's licence (<see cref="LicenseProject.Decide"/>) and
/// writes it, with its confidence, on every file of the repository. Files whose row already has a licence (BigQuery,
/// HuggingFace rows) take no part. The whitelist that follows (<see cref="GithubLicenseStep"/>) then keeps or drops them.
/// </summary>
public sealed class GithubRepositoryLicenseStep : GroupedStep
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const string OtherLicense = "other";   // licensee's NOASSERTION

    private readonly int _repoName;
    private readonly int _path;
    private readonly int _license;
    private readonly int _confidence;
    private readonly LicenseDetector _detector;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, holding <c>repo_name</c>, <c>path</c>, <c>license</c> and <c>license_confidence</c>.</param>
    /// <param name="detector">The detector (<see cref="LicenseDetector.Get"/>: loaded once per process).</param>
    public GithubRepositoryLicenseStep(MetaSchema meta, LicenseDetector detector)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(detector);
        _repoName = meta.Require(RepositoryColumns.RepoName);
        _path = meta.Require(GithubMeta.Path);
        _license = meta.Require(GithubMeta.License);
        _confidence = meta.Require(RepositoryColumns.LicenseConfidence);
        _detector = detector;
    }

    /// <inheritdoc />
    public override string Name => "github_license_detect";

    /// <summary>Never used: this step only writes licences; <see cref="GithubLicenseStep"/> drops.</summary>
    public override string DropReason => GithubLicenseStep.NoLicense;

    /// <inheritdoc />
    public override bool EditsDocuments => true;

    /// <inheritdoc />
    public override bool DecidesSingletons => true;

    /// <inheritdoc />
    public override void EmitKeys(Document document, GroupKeys keys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(keys);
        if (document.Meta[_license] is not null || document.Meta[_repoName] is not string repository)
        {
            return;
        }

        string path = document.Meta[_path] as string ?? string.Empty;
        UInt128 key = ContentHash.Of(repository);
        if (LicenseDetector.CandidateKind(path) == LicenseCandidateKind.License)
        {
            keys.Add(key, Utf8.GetBytes(Match(path, document.Text).Encode()));
        }
        else
        {
            keys.Add(key);
        }
    }

    // GitHub reads at most 64 KiB of a licence file from the repository: a longer one is matched on that much of its bytes.
    private LicenseFileMatch Match(string path, string text)
    {
        if (text.Length * 3 <= LicenseDetector.GitBlobLimit || Encoding.UTF8.GetByteCount(text) <= LicenseDetector.GitBlobLimit)
        {
            return _detector.Match(path, text);
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return _detector.Match(path, bytes.AsSpan(0, LicenseDetector.GitBlobLimit));
    }

    /// <inheritdoc />
    public override void Decide(ReadOnlySpan<GroupMember> members, GroupVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var candidates = new List<LicenseFileMatch>();
        foreach (GroupMember member in members)
        {
            if (!member.Payload.IsEmpty && LicenseFileMatch.TryDecode(Utf8.GetString(member.Payload.Span), out LicenseFileMatch match))
            {
                candidates.Add(match);
            }
        }

        // The confidence is the deciding file's; "other" (files that disagree, or a text no licence matches) has none.
        (string? license, double confidence, string? decider) = LicenseProject.Decide(candidates);
        byte[] value = license is null ? []
            : Utf8.GetBytes(decider is null || license == OtherLicense ? license : string.Create(CultureInfo.InvariantCulture, $"{license}\t{confidence:R}"));
        for (int i = 0; i < members.Length; i++)
        {
            verdicts.Edit(i, value);
        }
    }

    /// <inheritdoc />
    public override void Apply(Document document, IReadOnlyList<GroupEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(edits);
        if (edits.Count == 0 || edits[0].Value.IsEmpty)
        {
            return;
        }

        string value = Utf8.GetString(edits[0].Value.Span);
        int tab = value.IndexOf('\t', StringComparison.Ordinal);
        document.Meta[_license] = tab < 0 ? value : value[..tab];
        document.Meta[_confidence] = tab < 0 ? null : double.Parse(value.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
