namespace RedPajama.Sources.Github.Repositories;

/// <summary>
/// One file of a repository as a layout (<see cref="RepositoryLayout"/>) yields it: its path in the repository
/// ('/'-separated, the archive's single top folder removed) and either its bytes or why it was not read.
/// </summary>
/// <param name="Path">The repository-relative path.</param>
/// <param name="Size">The file's size in bytes (as stored for a skipped file).</param>
/// <param name="Executable">Whether any execute bit is set (git's mode 100755).</param>
/// <param name="Content">The bytes, or null when <paramref name="SkipReason"/> is set.</param>
/// <param name="SkipReason">A <see cref="RepositorySkipReasons"/> value, or null.</param>
public readonly record struct RepositoryFile(string Path, long Size, bool Executable, byte[]? Content, string? SkipReason);
