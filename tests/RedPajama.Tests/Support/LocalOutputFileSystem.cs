using System.Text.RegularExpressions;
using RedPajama.Spark;

namespace RedPajama.Tests.Support;

/// <summary>
/// The Spark job's <see cref="IOutputFileSystem"/> on local directories, with Hadoop's semantics where the job relies
/// on them: a glob's <c>*</c> stays within a segment, a rename onto an existing file fails (as on HDFS), and the
/// operations are recorded so a test can check their order.
/// </summary>
internal sealed class LocalOutputFileSystem : IOutputFileSystem
{
    /// <summary>Each operation, as "verb path" (or "verb source → destination").</summary>
    public List<string> Operations { get; } = [];

    /// <summary>Set to fail the rename of a path containing this text, like a dying driver mid-commit.</summary>
    public string? FailRenameOf { get; set; }

    public IReadOnlyList<string> Glob(string pattern)
    {
        int wildcard = pattern.IndexOf('*', StringComparison.Ordinal);
        string root = wildcard < 0 ? pattern : pattern[..pattern.LastIndexOf('/', wildcard)];
        if (wildcard < 0)
        {
            return File.Exists(pattern) || Directory.Exists(pattern) ? [pattern] : [];
        }

        if (!Directory.Exists(root))
        {
            return [];
        }

        var regex = new Regex("^" + string.Join("[^/]*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
        return [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(p => p.Replace('\\', '/')).Where(p => regex.IsMatch(p)).Order(StringComparer.Ordinal)];
    }

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public byte[]? Read(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;

    public void Write(string path, byte[] content)
    {
        Operations.Add($"write {Path.GetFileName(path)}");
        File.WriteAllBytes(path, content);
    }

    public void Rename(string source, string destination)
    {
        Operations.Add($"rename {Path.GetFileName(source)} → {Path.GetFileName(destination)}");
        if (FailRenameOf is { } failing && destination.Contains(failing, StringComparison.Ordinal))
        {
            throw new IOException($"rename of {source} failed");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Move(source, destination, overwrite: false);
    }

    public void Copy(string source, string destination)
    {
        Operations.Add($"copy {Path.GetFileName(source)} → {Path.GetFileName(destination)}");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination, overwrite: false);
    }

    public void Delete(string path)
    {
        if (File.Exists(path))
        {
            Operations.Add($"delete {Path.GetFileName(path)}");
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            Operations.Add($"delete {Path.GetFileName(path)}/");
            Directory.Delete(path, recursive: true);
        }
    }
}
