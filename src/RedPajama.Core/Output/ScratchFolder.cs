namespace RedPajama.Output;

/// <summary>
/// A run's scratch folder (<c>run-…</c>: spill files, key files, staged parts), named by an owner file so the
/// next run can remove the folders of dead runs, including those in a shared <c>temp_dir</c>, and leave live
/// runs' folders alone.
/// </summary>
public sealed class ScratchFolder : IDisposable
{
    /// <summary>Name of the owner file in each run folder.</summary>
    public const string OwnerFileName = "_owner.json";

    // A folder without an owner file younger than this is being created right now.
    private static readonly TimeSpan CreationGrace = TimeSpan.FromMinutes(1);

    private readonly OwnerFile _owner;

    private ScratchFolder(string directory, OwnerFile owner)
    {
        Directory = directory;
        _owner = owner;
    }

    /// <summary>The run's folder.</summary>
    public string Directory { get; }

    /// <summary>Removes the folders of dead runs under <paramref name="root"/>, then creates this run's.</summary>
    /// <param name="root">The parent folder (<c>temp_dir</c>).</param>
    /// <param name="warn">Told about each dead run's folder removed.</param>
    /// <returns>The run's folder; disposing it deletes the folder.</returns>
    public static ScratchFolder Create(string root, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        RemoveDead(root, warn);
        string directory = Path.Combine(Path.GetFullPath(root), $"run-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        OwnerFile owner = OwnerFile.TryCreate(Path.Combine(directory, OwnerFileName), RunOwner.Current())!;
        return new ScratchFolder(directory, owner);
    }

    /// <summary>Removes the <c>run-*</c> folders under <paramref name="root"/> whose owner is no longer running.</summary>
    /// <param name="root">The parent folder.</param>
    /// <param name="warn">Told about each folder removed.</param>
    public static void RemoveDead(string root, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!System.IO.Directory.Exists(root))
        {
            return;
        }

        foreach (string directory in System.IO.Directory.EnumerateDirectories(root, "run-*"))
        {
            if (!IsLive(directory))
            {
                warn?.Invoke($"removed the temporary files of a run that is no longer running: {directory}");
                TryDelete(directory);
            }
        }
    }

    /// <summary>Whether a run folder's owner may still be running.</summary>
    /// <param name="directory">A <c>run-…</c> folder.</param>
    /// <returns>False when its owner is dead, or when it has no owner file and is older than a minute.</returns>
    public static bool IsLive(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string ownerPath = Path.Combine(directory, OwnerFileName);
        if (RunOwner.TryRead(ownerPath) is { } owner)
        {
            return owner.IsAlive(File.GetLastWriteTimeUtc(ownerPath));
        }

        return DateTime.UtcNow - System.IO.Directory.GetLastWriteTimeUtc(directory) < CreationGrace;
    }

    /// <summary>Deletes a folder, ignoring what cannot be deleted (the next run tries again).</summary>
    /// <param name="path">The folder.</param>
    /// <param name="onlyIfEmpty">Delete it only if it is empty.</param>
    public static void TryDelete(string path, bool onlyIfEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (System.IO.Directory.Exists(path) && (!onlyIfEmpty || !System.IO.Directory.EnumerateFileSystemEntries(path).Any()))
            {
                System.IO.Directory.Delete(path, recursive: !onlyIfEmpty);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's clean-up, which removes dead runs' folders.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _owner.Dispose();
        TryDelete(Directory);
    }
}
