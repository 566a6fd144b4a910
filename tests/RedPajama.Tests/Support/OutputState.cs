using System.Security.Cryptography;

namespace RedPajama.Tests.Support;

/// <summary>The files of an output directory with their content hashes, to compare an output before and after a run.</summary>
internal static class OutputState
{
    /// <summary>Relative path → SHA-256 of every file under <paramref name="directory"/>, hidden and temporary ones included.</summary>
    public static SortedDictionary<string, string> Of(string directory)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return files;
        }

        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(directory, file)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return files;
    }

    /// <summary>What a finished run must not leave behind: staging and spill folders, the lock, half-written files.</summary>
    public static IEnumerable<string> Debris(string directory) =>
        Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path))
            .Where(name => name.StartsWith("_temporary", StringComparison.Ordinal) || name == "_redpajama.lock" || name.EndsWith(".tmp", StringComparison.Ordinal));

    /// <summary>The pid of a process that has exited (a process whose owner files are stale).</summary>
    public static int DeadPid()
    {
        using var process = System.Diagnostics.Process.Start("/bin/true");
        process.WaitForExit();
        return process.Id;
    }
}
