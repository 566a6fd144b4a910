using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.Sources.Github;

/// <summary>
/// The files <c>github_clean_dedup_local.py</c> skips before anything else: a path ending in <c>.crt</c> (certificates)
/// and a path that is exactly <c>LICENSE</c> (the root licence file; a nested one is kept).
/// </summary>
public sealed class GithubSkipStep : IDocumentStep
{
    /// <summary>Drop reason of a <c>.crt</c> file.</summary>
    public const string Certificate = "certificate";

    /// <summary>Drop reason of the root <c>LICENSE</c> file.</summary>
    public const string RootLicense = "root_license";

    private readonly int _path;

    /// <summary>Creates the step.</summary>
    /// <param name="meta">The pipeline's meta schema, holding the path.</param>
    /// <param name="pathField">The field holding the file's path in its repository (BigQuery's <c>path</c>).</param>
    public GithubSkipStep(MetaSchema meta, string pathField = GithubMeta.Path)
    {
        ArgumentNullException.ThrowIfNull(meta);
        _path = meta.Require(pathField);
    }

    /// <inheritdoc />
    public string Name => "github_skip";

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string path = document.Meta[_path] as string ?? string.Empty;
        if (path.EndsWith(".crt", StringComparison.Ordinal))
        {
            document.Drop(Certificate);
        }
        else if (path == "LICENSE")
        {
            document.Drop(RootLicense);
        }
    }
}
