using RedPajama.Documents;

namespace RedPajama.Sources.Github.Repositories;

/// <summary>
/// The columns a repository input gives each file, named and ordered as BigQuery's <c>github_repos</c> export names
/// them (§4.1), plus the detected licence's confidence.
/// </summary>
public static class RepositoryColumns
{
    /// <summary>Git's blob id of the file: SHA-1 of <c>"blob {size}\0"</c> and the bytes (BigQuery's <c>id</c>).</summary>
    public const string Id = "id";

    /// <summary>The file's size in bytes.</summary>
    public const string Size = "size";

    /// <summary><c>owner/name</c>, from the folder or archive name <c>owner__name</c>.</summary>
    public const string RepoName = "repo_name";

    /// <summary>Git's file mode: 33261 (100755) with an execute bit, else 33188 (100644).</summary>
    public const string Mode = "mode";

    /// <summary>Confidence (0–100) of the licence detected from the repository's licence files; null without one.</summary>
    public const string LicenseConfidence = "license_confidence";

    /// <summary>The columns in record order.</summary>
    public static IReadOnlyList<MetaField> All { get; } =
    [
        new(Id, MetaType.Text),
        new(Size, MetaType.Integer),
        new(RepoName, MetaType.Text),
        new(GithubMeta.Path, MetaType.Text),
        new(Mode, MetaType.Integer),
        new(GithubMeta.License, MetaType.Text),
        new(LicenseConfidence, MetaType.Float),
    ];
}
