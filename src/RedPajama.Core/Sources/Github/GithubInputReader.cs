using RedPajama.Documents;
using RedPajama.Reading;
using RedPajama.Sources.Documents;
using RedPajama.Sources.Github.Repositories;

namespace RedPajama.Sources.Github;

/// <summary>
/// The github source's inputs: repositories (<c>owner__name</c> folders and <c>.tar.gz</c>/<c>.tgz</c>/<c>.tar</c>/<c>.zip</c>
/// archives, <see cref="RepositoryReader"/>) and rows (JSON lines or Parquet as BigQuery or HuggingFace export them,
/// <see cref="DocumentsReader"/>).
/// </summary>
/// <param name="limits">The repository limits.</param>
/// <param name="textKey">The rows' content column.</param>
public sealed class GithubInputReader(RepositoryLimits limits, string textKey) : IDocumentReader
{
    private readonly RepositoryReader _repositories = new(limits);
    private readonly DocumentsReader _rows = new(ReadLimits.Default, textKey: textKey);

    /// <summary>Whether a file or folder is a repository input.</summary>
    /// <param name="path">A path.</param>
    /// <returns>True for a repository folder or archive.</returns>
    public static bool IsRepository(string path) =>
        RepositoryPaths.IsArchive(path) || (Directory.Exists(path) && RepositoryPaths.IsRepositoryFolderName(path));

    /// <inheritdoc />
    public IEnumerable<Document> Read(InputFile input, Stream content, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RepositoryPaths.IsArchive(input.Path) || Directory.Exists(input.Path)
            ? _repositories.Read(input, content, meta)
            : _rows.Read(input, content, meta);
    }
}
