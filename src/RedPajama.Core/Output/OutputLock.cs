using RedPajama.Engine;

namespace RedPajama.Output;

/// <summary>
/// The exclusive right to write one output directory: a lock file in it names the owning run
/// (<see cref="RunOwner"/>). A second run on the same output stops with a message naming the owner; a lock whose
/// owner is dead (killed, crashed, or silent for <see cref="RunOwner.RemoteExpiry"/> on another host) is stale and
/// taken over.
/// </summary>
public sealed class OutputLock : IDisposable
{
    /// <summary>The lock file's name (underscore-prefixed, so Spark, Hadoop and this project's readers skip it).</summary>
    public const string FileName = "_redpajama.lock";

    // An unreadable lock younger than this is one being written right now.
    private static readonly TimeSpan CreationGrace = TimeSpan.FromSeconds(30);

    private readonly OwnerFile _file;

    private OutputLock(OwnerFile file) => _file = file;

    /// <summary>The lock file's path.</summary>
    public string FilePath => _file.FilePath;

    /// <summary>Takes the lock of <paramref name="directory"/> (which must exist).</summary>
    /// <param name="directory">The output directory.</param>
    /// <param name="warn">Told when a stale lock is removed.</param>
    /// <returns>The lock; dispose it to release.</returns>
    /// <exception cref="RunFailedException">Another live run holds the lock.</exception>
    public static OutputLock Acquire(string directory, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, FileName);
        RunOwner self = RunOwner.Current();
        for (int attempt = 0; attempt < 5; attempt++)
        {
            if (OwnerFile.TryCreate(path, self) is { } file)
            {
                return new OutputLock(file);
            }

            RunOwner? holder = RunOwner.TryRead(path);
            DateTime refreshed = File.GetLastWriteTimeUtc(path);
            if (!File.Exists(path) || refreshed.Year < 1900)
            {
                // Gone between the calls (GetLastWriteTimeUtc gives 1601 for a missing file): try to create it again.
                continue;
            }

            if (holder is null ? DateTime.UtcNow - refreshed < CreationGrace : holder.IsAlive(refreshed))
            {
                throw new RunFailedException(
                    $"output '{directory}' is in use by another run ({holder?.Describe() ?? "being started"}): wait for it to finish or choose another --output " +
                    $"(if that run is dead on another host, delete {path}; it counts as stale after {RunOwner.RemoteExpiry.TotalMinutes:F0} minutes without a heartbeat)");
            }

            if (!TakeOver(path, holder))
            {
                // Another run is taking it over, or already has: look again shortly.
                Thread.Sleep(50);
                continue;
            }

            warn?.Invoke($"removed the stale lock of a run that is no longer running ({holder?.Describe() ?? "unreadable lock file"}) from {directory}");
            if (OwnerFile.TryCreate(path, self) is { } taken)
            {
                return new OutputLock(taken);
            }
        }

        throw new RunFailedException($"could not take the lock {path}: other runs keep taking it");
    }

    /// <summary>
    /// Removes a stale lock on behalf of all the runs that found it stale, one at a time: only the run that creates
    /// the takeover token (an exclusive create) may delete the lock, and only if it still names the stale holder.
    /// Deleting without the token could remove the new lock a faster taker had just created. A token left by a taker
    /// that died is removed once older than <see cref="CreationGrace"/> (and by the next run's recovery).
    /// </summary>
    /// <returns>True when this call removed the stale lock.</returns>
    private static bool TakeOver(string path, RunOwner? stale)
    {
        string token = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.takeover");
        if (!OwnerFile.TryCreateExclusive(token, []))
        {
            // A taker that died leaves its token: one older than the grace period no longer counts.
            // (GetLastWriteTimeUtc gives 1601 for a token already gone: that is not an old one.)
            DateTime written = File.GetLastWriteTimeUtc(token);
            if (written.Year > 1900 && DateTime.UtcNow - written > CreationGrace)
            {
                File.Delete(token);
            }

            return false;
        }

        try
        {
            // Still the stale lock? An unreadable one must also still be old: a new lock is empty for a moment.
            if (!File.Exists(path) || RunOwner.TryRead(path) != stale
                || (stale is null && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < CreationGrace))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        finally
        {
            File.Delete(token);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
