namespace RedPajama.Engine;

/// <summary>One part file of the output.</summary>
/// <param name="File">File name, relative to the output directory.</param>
/// <param name="Rows">Rows in it (including dropped rows in keep-all runs).</param>
public sealed record PartStatistics(string File, long Rows);
