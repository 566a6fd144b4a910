namespace RedPajama.Sources.Github.Repositories;

/// <summary>Names and paths of repository inputs: <c>owner__name</c> folders and archives, and their members.</summary>
public static class RepositoryPaths
{
    private static readonly string[] ArchiveSuffixes = [".tar.gz", ".tgz", ".tar", ".zip"];

    /// <summary>Whether a file is a repository archive (<c>.tar.gz</c>, <c>.tgz</c>, <c>.tar</c>, <c>.zip</c>).</summary>
    /// <param name="path">A file path.</param>
    /// <returns>True for an archive.</returns>
    public static bool IsArchive(string path) => ArchiveSuffix(path) is not null;

    /// <summary>Whether a directory is a repository folder: its name is <c>owner__name</c>, neither part empty.</summary>
    /// <param name="path">A directory path.</param>
    /// <returns>True for a repository folder.</returns>
    public static bool IsRepositoryFolderName(string path)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        int split = name.IndexOf("__", StringComparison.Ordinal);
        return split > 0 && split + 2 < name.Length && !name.StartsWith('.');
    }

    /// <summary>
    /// The repository's <c>repo_name</c> from its folder or archive name: <c>owner__name</c> (the first <c>__</c>
    /// splits) becomes <c>owner/name</c>; a name without <c>__</c> is kept as it is.
    /// </summary>
    /// <param name="path">The folder or archive path.</param>
    /// <returns>The repository name.</returns>
    public static string RepositoryName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        if (ArchiveSuffix(name) is { } suffix)
        {
            name = name[..^suffix.Length];
        }

        int split = name.IndexOf("__", StringComparison.Ordinal);
        return split > 0 && split + 2 < name.Length ? string.Concat(name.AsSpan(0, split), "/", name.AsSpan(split + 2)) : name;
    }

    /// <summary>
    /// An archive member's name as a safe repository path: backslashes read as '/', <c>./</c> and empty parts
    /// removed; null when it is absolute (<c>/x</c>, <c>C:</c>) or has a <c>..</c> part.
    /// </summary>
    /// <param name="name">The name stored in the archive.</param>
    /// <returns>The relative path ('/'-separated, no trailing '/'), the empty string for the root, or null.</returns>
    public static string? SafeMemberPath(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string slashed = name.Replace('\\', '/');
        if (slashed.StartsWith('/') || (slashed.Length >= 2 && slashed[1] == ':' && char.IsAsciiLetter(slashed[0])))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (string part in slashed.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                return null;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>
    /// The single folder every member lies under (GitHub's archives put a repository under <c>name-ref/</c>), or null
    /// when the members are not all under one folder.
    /// </summary>
    /// <param name="memberPaths">The safe member paths (<see cref="SafeMemberPath"/>) of files, links and folders.</param>
    /// <param name="directories">Which of them are folders (a folder entry alone does not put its name at the root).</param>
    /// <returns>The folder name, or null.</returns>
    public static string? CommonTopFolder(IEnumerable<string> memberPaths, Func<int, bool> directories)
    {
        ArgumentNullException.ThrowIfNull(memberPaths);
        ArgumentNullException.ThrowIfNull(directories);
        string? top = null;
        int index = 0;
        foreach (string path in memberPaths)
        {
            bool directory = directories(index++);
            if (path.Length == 0)
            {
                continue;
            }

            int slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 && !directory)
            {
                return null;  // a file at the root
            }

            string first = slash < 0 ? path : path[..slash];
            if (top is null)
            {
                top = first;
            }
            else if (top != first)
            {
                return null;
            }
        }

        return top;
    }

    /// <summary>A member path with the archive's top folder removed; null for the top folder itself.</summary>
    /// <param name="path">A safe member path.</param>
    /// <param name="topFolder">The folder from <see cref="CommonTopFolder"/>, or null.</param>
    /// <returns>The repository path.</returns>
    public static string? WithoutTopFolder(string path, string? topFolder)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (topFolder is null)
        {
            return path;
        }

        return path.Length > topFolder.Length && path.StartsWith(topFolder, StringComparison.Ordinal) && path[topFolder.Length] == '/'
            ? path[(topFolder.Length + 1)..]
            : null;
    }

    private static string? ArchiveSuffix(string path)
    {
        foreach (string suffix in ArchiveSuffixes)
        {
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return path[^suffix.Length..];
            }
        }

        return null;
    }
}
