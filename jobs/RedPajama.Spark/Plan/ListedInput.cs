namespace RedPajama.Spark.Plan;

/// <summary>What the driver found under one <c>--input</c> argument (listed through Spark, so any Hadoop filesystem).</summary>
/// <param name="Argument">The argument as given.</param>
/// <param name="IsFile">True when the argument names one file (taken whatever its name, as the local engine does).</param>
/// <param name="Files">The files found under it, with their sizes; Spark's listing skips hidden and <c>_</c>-prefixed names, as the local engine's does.</param>
/// <param name="Entries">For a listing (<c>wet.paths.gz</c>) or a URL argument: the inputs it names, in listing order, read
/// by the executors (<see cref="FetchStage"/>); null for files and directories.</param>
/// <param name="Problem">Why a listing could not be read (none of its entries is then used), or null.</param>
public sealed record ListedInput(string Argument, bool IsFile, IReadOnlyList<ListedFile> Files, IReadOnlyList<RedPajama.Reading.ListingEntry>? Entries = null, string? Problem = null);
