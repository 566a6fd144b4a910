using RedPajama.Configuration;

namespace RedPajama.Pipeline;

/// <summary>
/// A file or folder a pipeline opens on every worker (a model, a model folder, a cutoff table), as a setting of the run
/// configuration names it. A cluster engine ships it to its workers (Spark: <c>SparkContext.AddFile</c>) and, where the
/// configured path does not exist, points the setting at the shipped copy with <see cref="Relocate"/>.
/// </summary>
/// <param name="Path">The path the configuration names (or the bundled model's path).</param>
/// <param name="Relocate">Sets the same setting of another copy of the configuration to a new path.</param>
public sealed record ShippedFile(string Path, Action<RunConfig, string> Relocate)
{
    /// <summary>Whether <see cref="Path"/> is a folder (shipped recursively).</summary>
    public bool IsDirectory => Directory.Exists(Path);

    /// <summary>The name the copy is shipped and looked up under.</summary>
    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path));
}
