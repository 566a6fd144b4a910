namespace RedPajama.Reading;

/// <summary>How <see cref="InputResolver"/> expands <c>--input</c> arguments.</summary>
public sealed record InputResolverOptions
{
    /// <summary>
    /// Keeps only files this predicate accepts when they come from a directory or a glob; files named explicitly
    /// (and the entries of a listing) are always kept. Null keeps every file.
    /// </summary>
    public Func<string, bool>? Include { get; init; }

    /// <summary>
    /// Directories this predicate accepts are one input each (a repository folder, read whole by its reader) instead
    /// of being walked for files; null walks every directory.
    /// </summary>
    public Func<string, bool>? IncludeDirectory { get; init; }

    /// <summary>
    /// What the relative entries of an input listing (<see cref="InputListing"/>) are relative to; null when the
    /// source takes no listings (a <c>*.paths</c> file is then an input like any other).
    /// </summary>
    public ListingRoot? ListingRoot { get; init; }

    /// <summary>How a listing given as a URL is downloaded.</summary>
    public HttpDownloadOptions Downloads { get; init; } = HttpDownloadOptions.Default;

    /// <summary>The part of the input list this run reads (<c>--shard</c> of <c>--num-shards</c>); null for all of it.</summary>
    public InputShard? Shard { get; init; }
}
