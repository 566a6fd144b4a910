using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Sources.Github;

/// <summary>
/// RedPajama's licence whitelist as its BigQuery query applied it (<c>license LIKE 'mit%' OR 'bsd%' OR 'apache%'</c>,
/// case-sensitive): a row whose licence key starts with none of the prefixes is dropped.
/// </summary>
public sealed class GithubLicenseStep : IDocumentStep
{
    /// <summary>Drop reason of a licence outside the whitelist.</summary>
    public const string NotPermissive = "license_not_permissive";

    /// <summary>Drop reason of a row without a licence.</summary>
    public const string NoLicense = "no_license";

    private readonly int _license;
    private readonly string[] _prefixes;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, holding <see cref="GithubMeta.License"/>.</param>
    /// <param name="prefixes">The licence key prefixes kept (RedPajama: <c>mit</c>, <c>bsd</c>, <c>apache</c>).</param>
    public GithubLicenseStep(MetaSchema meta, IEnumerable<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(prefixes);
        _license = meta.Require(GithubMeta.License);
        _prefixes = [.. prefixes];
    }

    /// <inheritdoc />
    public string Name => "github_license";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Meta[_license] is not string { Length: > 0 } license)
        {
            document.Drop(NoLicense);
        }
        else if (!_prefixes.Any(p => license.StartsWith(p, StringComparison.Ordinal)))
        {
            document.Drop(NotPermissive);
        }
    }
}
