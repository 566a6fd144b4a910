namespace RedPajama.Spark.Plan;

/// <summary>A file found by the driver's listing.</summary>
/// <param name="Path">Its path as Spark names it.</param>
/// <param name="Length">Its size in bytes.</param>
public sealed record ListedFile(string Path, long Length);
