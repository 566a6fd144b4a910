namespace RedPajama.Spark;

/// <summary>
/// The file operations the driver performs on the output directory, by path string: on a cluster through the
/// Hadoop filesystem of the output path (<see cref="HadoopOutputFileSystem"/>), in tests on local directories, so that
/// the commit of named parts (<see cref="NamedPartsCommit"/>) runs without a JVM.
/// </summary>
public interface IOutputFileSystem
{
    /// <summary>The paths matching a Hadoop glob (<c>*</c> within one path segment), in ordinal order; empty when none.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <returns>The paths, as the filesystem qualifies them.</returns>
    IReadOnlyList<string> Glob(string pattern);

    /// <summary>Whether a file or directory exists.</summary>
    /// <param name="path">The path.</param>
    /// <returns>True when it does.</returns>
    bool Exists(string path);

    /// <summary>A small file's bytes, or null when it does not exist.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The bytes.</returns>
    byte[]? Read(string path);

    /// <summary>Creates or replaces a file.</summary>
    /// <param name="path">The path.</param>
    /// <param name="content">The bytes.</param>
    void Write(string path, byte[] content);

    /// <summary>Moves a file to a path that does not exist, creating its parent directories; throws if the move fails.</summary>
    /// <param name="source">The file.</param>
    /// <param name="destination">The new path.</param>
    void Rename(string source, string destination);

    /// <summary>Copies a file to a path that does not exist, creating its parent directories.</summary>
    /// <param name="source">The file.</param>
    /// <param name="destination">The new path.</param>
    void Copy(string source, string destination);

    /// <summary>Deletes a file, or a directory and its content; nothing when it does not exist.</summary>
    /// <param name="path">The path.</param>
    void Delete(string path);
}
