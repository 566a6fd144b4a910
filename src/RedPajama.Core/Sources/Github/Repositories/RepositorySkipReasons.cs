namespace RedPajama.Sources.Github.Repositories;

/// <summary>Why a file of a repository input is read as a dropped record. The strings are <c>drop_reason</c> values.</summary>
public static class RepositorySkipReasons
{
    /// <summary>Larger than <see cref="RepositoryLimits.MaxFileBytes"/>; not read.</summary>
    public const string TooLarge = RedPajama.Reading.ReadDropReasons.TooLarge;

    /// <summary>A NUL byte in the first 8000 bytes: git's own test for a binary file.</summary>
    public const string Binary = "binary";

    /// <summary>Not valid UTF-8.</summary>
    public const string NotUtf8 = "not_utf8";

    /// <summary>A symbolic link: never followed, inside or outside the repository.</summary>
    public const string Symlink = "symlink";

    /// <summary>A tar hard link: another entry's bytes under a second name.</summary>
    public const string HardLink = "hard_link";

    /// <summary>An archive entry whose path is absolute or climbs out with <c>..</c>.</summary>
    public const string UnsafePath = "unsafe_path";

    /// <summary>An archive member whose bytes do not match its stored checksum (a damaged archive, or a size that lies).</summary>
    public const string Corrupt = "corrupt_member";

    /// <summary>A device, FIFO or other entry that is neither a file, a directory nor a link.</summary>
    public const string SpecialFile = "special_file";
}
