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
        // The name carries its creator, so a folder whose owner file was never written (a kill in between) can be judged.
        string directory = Path.Combine(Path.GetFullPath(root), string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"run-{HostTag(Environment.MachineName)}-{Environment.ProcessId}-{Guid.NewGuid():N}"));
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

        // No owner file yet: a creator on this host that is gone is dead at once; otherwise it may still be writing it.
        if (CreatorOnThisHost(Path.GetFileName(directory)) is int pid && !ProcessExists(pid))
        {
            return false;
        }

        return DateTime.UtcNow - System.IO.Directory.GetLastWriteTimeUtc(directory) < CreationGrace;
    }

    // run-{host tag}-{pid}-{guid} names the pid of a creator on this host; null for another host or an older name.
    private static int? CreatorOnThisHost(string name)
    {
        string[] parts = name.Split('-');
        return parts.Length == 4 && parts[1] == HostTag(Environment.MachineName)
            && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    // Eight hex digits of the host name's hash (FNV-1a, stable across processes), safe in a folder name.
    private static string HostTag(string host)
    {
        uint hash = 2166136261;
        foreach (char c in host)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
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
