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

    /// <summary>
    /// Creates the file exclusively (O_EXCL: of runs starting at once exactly one succeeds) and writes the owner into
    /// it. A reader may see it empty for a moment: owner files younger than a grace period count as being started.
    /// (<c>File.Move</c> without overwrite is not exclusive: .NET renames when the target looks absent, and two
    /// runs can both do that.)
    /// </summary>
    /// <param name="path">Where the file goes.</param>
    /// <param name="owner">The owner to write.</param>
    /// <returns>The file, or null when a file already exists at <paramref name="path"/>.</returns>
    public static OwnerFile? TryCreate(string path, RunOwner owner)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(owner);
        return TryCreateExclusive(path, System.Text.Encoding.UTF8.GetBytes(owner.ToJson())) ? new OwnerFile(path, owner) : null;
    }

    /// <summary>Creates a file with O_EXCL and writes <paramref name="content"/>; false when the file already exists.</summary>
    /// <param name="path">The file.</param>
    /// <param name="content">What it holds.</param>
    /// <returns>True when this call created it.</returns>
    internal static bool TryCreateExclusive(string path, ReadOnlySpan<byte> content)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            stream.Write(content);
            return true;
        }
        catch (IOException exception) when (AlreadyExists(exception) || File.Exists(path))
        {
            // Checked by the error too: the file may be gone again (taken over) by the time we look.
            return false;
        }
    }

    // EEXIST on Unix (the errno is the HResult), ERROR_FILE_EXISTS / ERROR_ALREADY_EXISTS on Windows.
    private static bool AlreadyExists(IOException exception) =>
        exception.HResult is 17 or unchecked((int)0x80070050) or unchecked((int)0x800700B7);

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
