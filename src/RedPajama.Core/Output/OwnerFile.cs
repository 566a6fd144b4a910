namespace RedPajama.Output;

/// <summary>
/// A file naming its owning run (<see cref="RunOwner"/>), created only if absent and refreshed every
/// <see cref="RunOwner.HeartbeatInterval"/> while the run lives, so runs on other hosts can tell it is alive.
/// Disposing deletes it if it is still this run's.
/// </summary>
public sealed class OwnerFile : IDisposable
{
    private readonly Timer _heartbeat;
    private bool _disposed;

    private OwnerFile(string path, RunOwner owner)
    {
        FilePath = path;
        Owner = owner;
        _heartbeat = new Timer(_ => Refresh(), null, RunOwner.HeartbeatInterval, RunOwner.HeartbeatInterval);
    }

    /// <summary>The file's path.</summary>
    public string FilePath { get; }

    /// <summary>The owner the file names.</summary>
    public RunOwner Owner { get; }

    /// <summary>Creates the file with its content in one step (written aside, then linked into place without replacing).</summary>
    /// <param name="path">Where the file goes.</param>
    /// <param name="owner">The owner to write.</param>
    /// <returns>The file, or null when a file already exists at <paramref name="path"/>.</returns>
    public static OwnerFile? TryCreate(string path, RunOwner owner)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(owner);
        string aside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(aside, owner.ToJson());
        try
        {
            // Without overwrite, .NET links the new name (an exclusive create): two runs cannot both succeed.
            File.Move(aside, path, overwrite: false);
            return new OwnerFile(path, owner);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
        finally
        {
            File.Delete(aside);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _heartbeat.Dispose();
        if (RunOwner.TryRead(FilePath) == Owner)
        {
            File.Delete(FilePath);
        }
    }

    private void Refresh()
    {
        try
        {
            File.SetLastWriteTimeUtc(FilePath, DateTime.UtcNow);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A missed heartbeat only matters after RunOwner.RemoteExpiry of them.
        }
    }
}
