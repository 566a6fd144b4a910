using System.Text.Json;
using RedPajama.Engine;
using RedPajama.Writing;

namespace RedPajama.Output;

/// <summary>
/// Replaces a job's output only when a run is complete, as Spark's and Hadoop's file output committers do.
/// <list type="number">
/// <item><see cref="Begin"/> takes the output's lock (<see cref="OutputLock"/>), finishes a commit a killed run
/// had started, removes the staging folders and half-written files of dead runs, and creates this run's staging
/// folder (<c>_temporary/run-…</c>) inside the output directory.</item>
/// <item>The run writes its part files and <c>_stats.json</c> into <see cref="StagingDirectory"/>.</item>
/// <item><see cref="Commit"/> writes a manifest of the new files, removes <c>_SUCCESS</c>, renames the new files
/// into place, deletes the previous run's part files that are not among them, writes <c>_SUCCESS</c> last and
/// removes the staging folder.</item>
/// </list>
/// A run that fails or is killed before the manifest leaves the previous output as it was. Killed after it, the
/// next <see cref="Begin"/> completes the commit from the manifest: the output is always the old one or the new
/// one, and <c>_SUCCESS</c> is present only when the files match <c>_stats.json</c>. Files in the output directory
/// that are not part files (<c>part-*</c>, or named after inputs and listed in the previous <c>_stats.json</c>),
/// <c>_stats.json</c> or <c>_SUCCESS</c> are never touched. Part files may sit in Hive
/// partition directories (<c>language=en/part-00000.parquet</c>, <see cref="IsJobPath"/>): the commit creates them,
/// deletes the previous run's part files in them and removes the directories it emptied; only directories named
/// <c>column=value</c> are looked into.
/// </summary>
public sealed class OutputCommitter : IDisposable
{
    /// <summary>Name of the folder of staging (and, by default, spill) folders inside the output directory.</summary>
    public const string TemporaryFolderName = "_temporary";

    /// <summary>Name of the commit manifest in a staging folder: its presence means the commit has begun.</summary>
    public const string ManifestFileName = "_COMMIT";

    /// <summary>Name of the statistics file.</summary>
    public const string StatisticsFileName = "_stats.json";

    /// <summary>Name of the empty marker written last, as Spark does.</summary>
    public const string SuccessFileName = "_SUCCESS";

    private readonly OutputLock _lock;
    private readonly ScratchFolder _staging;
    private bool _disposed;

    private OutputCommitter(string outputDirectory, ScratchFolder staging, OutputLock outputLock)
    {
        OutputDirectory = outputDirectory;
        _staging = staging;
        _lock = outputLock;
    }

    /// <summary>The output directory (full path).</summary>
    public string OutputDirectory { get; }

    /// <summary>Where this run writes the files it will commit.</summary>
    public string StagingDirectory => _staging.Directory;

    /// <summary>Prepares <paramref name="outputDirectory"/> for a run: lock, recovery, clean-up, staging folder.</summary>
    /// <param name="outputDirectory">The output directory; created if missing.</param>
    /// <param name="warn">Told about stale locks removed, interrupted commits completed and debris removed.</param>
    /// <returns>The committer; dispose it (after <see cref="Commit"/>, or to abandon the run).</returns>
    /// <exception cref="RunFailedException">The directory is not writable or another run is writing it.</exception>
    public static OutputCommitter Begin(string outputDirectory, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        string directory = Path.GetFullPath(outputDirectory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RunFailedException($"output directory '{outputDirectory}' is not writable (it cannot be created): {exception.Message}", exception);
        }

        OutputLock outputLock;
        try
        {
            outputLock = OutputLock.Acquire(directory, warn);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new RunFailedException($"output directory '{outputDirectory}' is not writable: {exception.Message}", exception);
        }

        try
        {
            Recover(directory, warn);
            return new OutputCommitter(directory, ScratchFolder.Create(Path.Combine(directory, TemporaryFolderName)), outputLock);
        }
        catch
        {
            outputLock.Dispose();
            throw;
        }
    }

    /// <summary>Whether a file name is one a run writes and a later run replaces: part files, <c>_stats.json</c>, <c>_SUCCESS</c>.</summary>
    /// <param name="name">A file name.</param>
    /// <returns>True for this job's own output files.</returns>
    public static bool IsJobFile(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name is StatisticsFileName or SuccessFileName ||
            (name.StartsWith("part-", StringComparison.Ordinal) && Enum.GetValues<OutputFormat>().Any(f => name.EndsWith(OutputFormats.Extension(f), StringComparison.Ordinal)));
    }

    /// <summary>
    /// Whether a path relative to the output directory (<c>/</c>-separated) is one a run writes: a job file
    /// (<see cref="IsJobFile"/>) at the top, or a part file inside Hive partition directories (<c>column=value</c>, as
    /// <see cref="HivePartitions.TryParseDirectoryName"/> reads them).
    /// </summary>
    /// <param name="relativePath">The path.</param>
    /// <returns>True for this job's own output files.</returns>
    public static bool IsJobPath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string[] segments = relativePath.Split('/');
        if (segments.Length == 1)
        {
            return IsJobFile(relativePath);
        }

        string name = segments[^1];
        return name.StartsWith("part-", StringComparison.Ordinal) && IsJobFile(name) &&
            segments[..^1].All(d => d is not ("." or "..") && !d.Contains('\\', StringComparison.Ordinal) && HivePartitions.TryParseDirectoryName(d, out _, out _));
    }

    // A part file named after its input (InputPartNames), at the top or in Hive partition directories.
    private static bool IsInputNamedPartPath(string relativePath)
    {
        string[] segments = relativePath.Split('/');
        return InputPartNames.IsPartName(segments[^1]) &&
            segments[..^1].All(d => d is not ("." or "..") && !d.Contains('\\', StringComparison.Ordinal) && HivePartitions.TryParseDirectoryName(d, out _, out _));
    }

    // The part files the current output's _stats.json lists: a previous run's files named after inputs, which a new
    // commit replaces like part-NNNNN files (other files in the output directory are never touched).
    private static HashSet<string> PreviousParts(string directory)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        string statistics = Path.Combine(directory, StatisticsFileName);
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(statistics));
            if (document.RootElement.TryGetProperty("parts", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement part in list.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("file", out JsonElement file) && file.GetString() is { } name && IsInputNamedPartPath(name))
                    {
                        parts.Add(name);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException or InvalidOperationException)
        {
            // No readable statistics: only part-NNNNN files are known to be a run's.
        }

        return parts;
    }

    /// <summary>
    /// Makes the staged files the output: the files named (in <see cref="StagingDirectory"/>) replace the previous
    /// run's, and <c>_SUCCESS</c> is written last.
    /// </summary>
    /// <param name="stagedFiles">Paths in the staging folder, relative and <c>/</c>-separated: part files (in partition directories or not) and <c>_stats.json</c>.</param>
    public void Commit(IReadOnlyCollection<string> stagedFiles)
    {
        ArgumentNullException.ThrowIfNull(stagedFiles);
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (string name in stagedFiles)
        {
            if (!(IsJobPath(name) || IsInputNamedPartPath(name)) || name == SuccessFileName || !File.Exists(Path.Combine(StagingDirectory, name)))
            {
                throw new ArgumentException($"'{name}' is not a staged part file or {StatisticsFileName}", nameof(stagedFiles));
            }
        }

        using (var manifest = new AtomicFile(Path.Combine(StagingDirectory, ManifestFileName)))
        {
            JsonSerializer.Serialize(manifest.Stream, stagedFiles.ToArray());
            manifest.Commit();
        }

        CompleteCommit(OutputDirectory, StagingDirectory);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _staging.Dispose();

        ScratchFolder.TryDelete(Path.Combine(OutputDirectory, TemporaryFolderName), onlyIfEmpty: true);
        _lock.Dispose();
    }

    // Runs under the lock, so every staging folder present belongs to a dead run.
    private static void Recover(string directory, Action<string>? warn)
    {
        string temporary = Path.Combine(directory, TemporaryFolderName);
        if (Directory.Exists(temporary))
        {
            foreach (string staging in Directory.EnumerateDirectories(temporary, "run-*"))
            {
                if (File.Exists(Path.Combine(staging, ManifestFileName)))
                {
                    warn?.Invoke($"completed the commit of a run killed while committing ({Path.GetFileName(staging)}) in {directory}");
                    CompleteCommit(directory, staging);
                }
                else if (ScratchFolder.IsLive(staging))
                {
                    // A live run spilling here through temp_dir, not a staging folder of this output.
                    continue;
                }
                else
                {
                    warn?.Invoke($"removed the temporary files of a run that did not finish ({Path.GetFileName(staging)}) from {directory}");
                    ScratchFolder.TryDelete(staging);
                }
            }

            ScratchFolder.TryDelete(temporary, onlyIfEmpty: true);
        }

        // Half-written files of a killed run (AtomicFile's hidden temporary names, from runs before staging folders).
        foreach (string file in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            string name = Path.GetFileName(file);
            int guid = name.LastIndexOf('.', name.Length - 5);
            if (guid > 1 && IsJobFile(name[1..guid]))
            {
                File.Delete(file);
            }
        }

        // Lock files a killed run was writing or taking over (OwnerFile's and OutputLock's asides): a live one exists
        // for milliseconds, so one a minute old is debris.
        foreach (string file in Directory.EnumerateFiles(directory, $".{OutputLock.FileName}.*"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > TimeSpan.FromMinutes(1))
            {
                File.Delete(file);
            }
        }
    }

    // The previous runs' part files in a partition directory and those below it that this commit did not write;
    // directories left empty go too. Directories not named column=value are not looked into.
    private static void RemoveStalePartFiles(string directory, string relative, HashSet<string> committed, HashSet<string> previous)
    {
        if (!HivePartitions.TryParseDirectoryName(Path.GetFileName(directory), out _, out _))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(directory))
        {
            string path = relative + "/" + Path.GetFileName(file);
            if ((IsJobPath(path) || previous.Contains(path)) && !committed.Contains(path))
            {
                File.Delete(file);
            }
        }

        foreach (string child in Directory.EnumerateDirectories(directory))
        {
            RemoveStalePartFiles(child, relative + "/" + Path.GetFileName(child), committed, previous);
        }

        if (!Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    // Idempotent: a run killed during this method is completed by the next one calling it again.
    private static void CompleteCommit(string directory, string staging)
    {
        string[] files;
        try
        {
            files = JsonSerializer.Deserialize<string[]>(File.ReadAllBytes(Path.Combine(staging, ManifestFileName))) ?? [];
        }
        catch (JsonException exception)
        {
            throw new RunFailedException($"the commit manifest {Path.Combine(staging, ManifestFileName)} is corrupt ({exception.Message}); remove {staging} and rerun", exception);
        }

        HashSet<string> previous = PreviousParts(directory);
        File.Delete(Path.Combine(directory, SuccessFileName));
        foreach (string name in files)
        {
            string staged = Path.Combine(staging, name);
            if (File.Exists(staged))
            {
                string final = Path.Combine(directory, name);
                Directory.CreateDirectory(Path.GetDirectoryName(final)!);
                File.Move(staged, final, overwrite: true);
            }
        }

        var committed = new HashSet<string>(files, StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(file);
            if ((IsJobFile(name) || previous.Contains(name)) && name != SuccessFileName && !committed.Contains(name))
            {
                File.Delete(file);
            }
        }

        foreach (string partition in Directory.EnumerateDirectories(directory))
        {
            RemoveStalePartFiles(partition, Path.GetFileName(partition), committed, previous);
        }

        using (var success = new AtomicFile(Path.Combine(directory, SuccessFileName)))
        {
            success.Commit();
        }

        ScratchFolder.TryDelete(staging);
    }
}
