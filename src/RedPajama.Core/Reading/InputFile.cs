namespace RedPajama.Reading;

/// <summary>One input file of a run.</summary>
/// <param name="Index">Position in the sorted input list; the first half of every document's order key.</param>
/// <param name="Path">Full path.</param>
/// <param name="Length">Size in bytes when the run started.</param>
public sealed record InputFile(int Index, string Path, long Length);
