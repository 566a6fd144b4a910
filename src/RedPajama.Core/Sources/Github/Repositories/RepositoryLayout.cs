using System.Formats.Tar;
using System.IO.Compression;
using RedPajama.Reading;

namespace RedPajama.Sources.Github.Repositories;

/// <summary>
/// The files of one repository input — an <c>owner__name</c> folder, or a <c>.tar.gz</c>/<c>.tgz</c>/<c>.tar</c>/<c>.zip</c>
/// archive — read into memory one at a time, never extracted. A folder's files come in ordinal order of their
/// repository paths; an archive's in entry order, under its single top folder when it has one (GitHub's
/// <c>name-ref/</c>). <c>.git/</c> is not read. Links are never followed; absolute and <c>..</c> member paths,
/// links, special files and oversized files come back as skips with their reason.
/// </summary>
public static class RepositoryLayout
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The files of a repository input.</summary>
    /// <param name="path">The folder or archive path (its name tells the archive format).</param>
    /// <param name="content">The archive's bytes as stored (unused for a folder).</param>
    /// <param name="limits">The size and expansion limits.</param>
    /// <returns>The files in repository order.</returns>
    public static IEnumerable<RepositoryFile> Files(string path, Stream content, RepositoryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        if (Directory.Exists(path))
        {
            return FolderFiles(path, limits);
        }

        return path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? ZipFiles(content, limits) : TarFiles(path, content, limits);
    }

    private static IEnumerable<RepositoryFile> FolderFiles(string root, RepositoryLimits limits)
    {
        var files = new List<(string Path, FileSystemInfo Info)>();
        Collect(new DirectoryInfo(root), string.Empty, files);
        files.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        foreach ((string path, FileSystemInfo info) in files)
        {
            if (info.LinkTarget is not null)
            {
                yield return new RepositoryFile(path, 0, false, null, RepositorySkipReasons.Symlink);
                continue;
            }

            if (info is not FileInfo file)
            {
                yield return new RepositoryFile(path, 0, false, null, RepositorySkipReasons.SpecialFile);
                continue;
            }

            bool executable = !OperatingSystem.IsWindows() && (file.UnixFileMode & AnyExecute) != 0;
            if (file.Length > limits.MaxFileBytes)
            {
                yield return new RepositoryFile(path, file.Length, executable, null, RepositorySkipReasons.TooLarge);
                continue;
            }

            byte[] bytes = File.ReadAllBytes(file.FullName);
            yield return bytes.LongLength > limits.MaxFileBytes
                ? new RepositoryFile(path, bytes.LongLength, executable, null, RepositorySkipReasons.TooLarge)
                : new RepositoryFile(path, bytes.LongLength, executable, bytes, null);
        }
    }

    // Walks without following links: a linked folder is yielded (and skipped) like a linked file, never entered.
    private static void Collect(DirectoryInfo directory, string prefix, List<(string Path, FileSystemInfo Info)> files)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (FileSystemInfo entry in directory.EnumerateFileSystemInfos("*", options))
        {
            string path = prefix + entry.Name;
            if (entry is DirectoryInfo child && entry.LinkTarget is null)
            {
                if (prefix.Length == 0 && entry.Name == ".git")
                {
                    continue;
                }

                Collect(child, path + "/", files);
            }
            else
            {
                files.Add((path, entry));
            }
        }
    }

    private static IEnumerable<RepositoryFile> TarFiles(string path, Stream content, RepositoryLimits limits)
    {
        // Two passes over a seekable archive: the first finds the top folder from the names alone.
        Stream stored = content.CanSeek ? content : Buffer(content);
        long storedBytes = stored.Length - stored.Position;
        long start = stored.Position;

        var names = new List<string>();
        var directories = new List<bool>();
        using (var reader = new TarReader(new ExpansionGuard(limits, storedBytes).Watch(Expand(new ReadThroughStream(stored, ownsInner: false), path)), leaveOpen: false))
        {
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                if (RepositoryPaths.SafeMemberPath(entry.Name) is { } name)
                {
                    names.Add(name);
                    directories.Add(entry.EntryType is TarEntryType.Directory);
                }
            }
        }

        string? top = RepositoryPaths.CommonTopFolder(names, k => directories[k]);
        stored.Position = start;
        using var second = new TarReader(new ExpansionGuard(limits, storedBytes).Watch(Expand(new ReadThroughStream(stored, ownsInner: false), path)), leaveOpen: false);
        while (second.GetNextEntry(copyData: false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.Directory)
            {
                continue;
            }

            string? safe = RepositoryPaths.SafeMemberPath(entry.Name);
            string? member = safe is null ? null : RepositoryPaths.WithoutTopFolder(safe, top);
            bool executable = (entry.Mode & AnyExecute) != 0;
            if (member is null || member.Length == 0)
            {
                yield return new RepositoryFile(entry.Name, entry.Length, executable, null, RepositorySkipReasons.UnsafePath);
                continue;
            }

            if (IsGitMetadata(member))
            {
                continue;
            }

            string? skip = entry.EntryType switch
            {
                TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => null,
                TarEntryType.SymbolicLink => RepositorySkipReasons.Symlink,
                TarEntryType.HardLink => RepositorySkipReasons.HardLink,
                _ => RepositorySkipReasons.SpecialFile,
            };
            if (skip is null && entry.Length > limits.MaxFileBytes)
            {
                skip = RepositorySkipReasons.TooLarge;
            }

            if (skip is not null)
            {
                yield return new RepositoryFile(member, entry.Length, executable, null, skip);
                continue;
            }

            // An empty file has no data stream.
            byte[] bytes = new byte[entry.Length];
            entry.DataStream?.ReadExactly(bytes);
            yield return new RepositoryFile(member, bytes.LongLength, executable, bytes, null);
        }
    }

    private static IEnumerable<RepositoryFile> ZipFiles(Stream content, RepositoryLimits limits)
    {
        Stream stored = content.CanSeek ? content : Buffer(content);
        var guard = new ExpansionGuard(limits, stored.Length - stored.Position);
        using var archive = new ZipArchive(stored, ZipArchiveMode.Read, leaveOpen: true);
        ZipArchiveEntry[] entries = [.. archive.Entries];
        string?[] names = [.. entries.Select(e => RepositoryPaths.SafeMemberPath(e.FullName))];
        int[] safe = [.. Enumerable.Range(0, entries.Length).Where(i => names[i] is not null)];
        string? top = RepositoryPaths.CommonTopFolder(safe.Select(i => names[i]!), k => IsZipDirectory(entries[safe[k]]));
        for (int i = 0; i < entries.Length; i++)
        {
            ZipArchiveEntry entry = entries[i];
            if (IsZipDirectory(entry))
            {
                continue;
            }

            var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0xFFF);
            int type = (entry.ExternalAttributes >> 16) & 0xF000;
            bool executable = (mode & AnyExecute) != 0;
            string? member = names[i] is { } name ? RepositoryPaths.WithoutTopFolder(name, top) : null;
            if (member is null || member.Length == 0)
            {
                yield return new RepositoryFile(entry.FullName, entry.Length, executable, null, RepositorySkipReasons.UnsafePath);
                continue;
            }

            if (IsGitMetadata(member))
            {
                continue;
            }

            string? skip = type switch
            {
                0 or 0x8000 => null,       // no Unix mode (made on Windows) or a regular file
                0xA000 => RepositorySkipReasons.Symlink,
                _ => RepositorySkipReasons.SpecialFile,
            };
            if (skip is null && entry.Length > limits.MaxFileBytes)
            {
                skip = RepositorySkipReasons.TooLarge;
            }

            if (skip is not null)
            {
                yield return new RepositoryFile(member, entry.Length, executable, null, skip);
                continue;
            }

            // The stored size may lie: read one byte past the limit, and count every byte against the archive. A
            // reader stops at the stored size, so a lying header shows as a checksum that does not match.
            byte[]? bytes;
            using (Stream expanded = guard.Watch(entry.Open()))
            {
                bytes = WholeFileReader.ReadAtMost(expanded, limits.MaxFileBytes);
            }

            yield return bytes is null ? new RepositoryFile(member, entry.Length, executable, null, RepositorySkipReasons.TooLarge)
                : System.IO.Hashing.Crc32.HashToUInt32(bytes) != entry.Crc32 ? new RepositoryFile(member, bytes.LongLength, executable, null, RepositorySkipReasons.Corrupt)
                : new RepositoryFile(member, bytes.LongLength, executable, bytes, null);
        }
    }

    private static bool IsZipDirectory(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\') || ((entry.ExternalAttributes >> 16) & 0xF000) == 0x4000;

    private static bool IsGitMetadata(string member) => member == ".git" || member.StartsWith(".git/", StringComparison.Ordinal);

    private static Stream Expand(Stream stored, string path) =>
        path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? stored : InputStreams.Decompress(stored, path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) ? path + ".gz" : path);

    private static MemoryStream Buffer(Stream content)
    {
        var copy = new MemoryStream();
        content.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
