namespace RedPajama.Writing;

/// <summary>
/// A file written under a hidden temporary name in its final directory and renamed into place by
/// <see cref="Commit"/>. Disposed without a commit, the temporary file is deleted: a half-written file never
/// appears under its final name.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly string _temporaryPath;
    private bool _committed;

    /// <summary>Creates the temporary file.</summary>
    /// <param name="finalPath">Where the file appears on commit.</param>
    public AtomicFile(string finalPath)
    {
        ArgumentNullException.ThrowIfNull(finalPath);
        FinalPath = Path.GetFullPath(finalPath);
        string directory = Path.GetDirectoryName(FinalPath)!;
        _temporaryPath = Path.Combine(directory, $".{Path.GetFileName(FinalPath)}.{Guid.NewGuid():N}.tmp");
        Stream = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>The final path.</summary>
    public string FinalPath { get; }

    /// <summary>The stream to write to.</summary>
    public FileStream Stream { get; }

    /// <summary>Flushes the data to disk and renames the file to <see cref="FinalPath"/>.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(_temporaryPath, FinalPath, overwrite: true);
        _committed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed)
        {
            File.Delete(_temporaryPath);
        }
    }
}
