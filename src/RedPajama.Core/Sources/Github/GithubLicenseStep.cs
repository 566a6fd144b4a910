using System.Text.Json;
using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Sources.Github;

/// <summary>
/// RedPajama's licence whitelist as its BigQuery query applied it (<c>license LIKE 'mit%' OR 'bsd%' OR 'apache%'</c>,
/// case-sensitive): a row whose licence key starts with none of the prefixes is dropped. A licence field holding a
/// JSON list (the Stack's <c>max_stars_repo_licenses</c>: SPDX ids such as <c>MIT</c>, <c>Apache-2.0</c>) keeps a row
/// only when every id, lower-cased as BigQuery's keys are, starts with a prefix.
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
    /// <param name="meta">The pipeline's meta schema, holding the licence field.</param>
    /// <param name="prefixes">The licence key prefixes kept (RedPajama: <c>mit</c>, <c>bsd</c>, <c>apache</c>).</param>
    /// <param name="licenseField">The field holding the licence key (BigQuery's <c>license</c>), or a JSON list of them.</param>
    public GithubLicenseStep(MetaSchema meta, IEnumerable<string> prefixes, string licenseField = GithubMeta.License)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(prefixes);
        _license = meta.Require(licenseField);
        _prefixes = [.. prefixes];
    }

    /// <inheritdoc />
    public string Name => "github_license";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        IReadOnlyList<string>? keys = document.Meta[_license] switch
        {
            JsonText json => Keys(json.Value),
            string { Length: > 0 } license => [license],
            _ => null,
        };
        if (keys is not { Count: > 0 })
        {
            document.Drop(NoLicense);
        }
        else if (!keys.All(Permitted))
        {
            document.Drop(NotPermissive);
        }
    }

    private bool Permitted(string license) => _prefixes.Any(p => license.StartsWith(p, StringComparison.Ordinal));

    // The ids of a JSON list, lower-cased; a single JSON string is a list of one; null for anything else.
    private static List<string>? Keys(string json)
    {
        try
        {
            using JsonDocument parsed = JsonDocument.Parse(json);
            return parsed.RootElement.ValueKind switch
            {
                JsonValueKind.Array => [.. parsed.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!.ToLowerInvariant())],
                JsonValueKind.String => [parsed.RootElement.GetString()!.ToLowerInvariant()],
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
