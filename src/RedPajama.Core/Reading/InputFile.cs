namespace RedPajama.Reading;

/// <summary>One input file of a run.</summary>
/// <param name="Index">Position in the run's input list; the first half of every document's order key.</param>
/// <param name="Path">Full path, or the <c>http(s)://</c> URL it is downloaded from.</param>
/// <param name="Length">Size in bytes when the run started; 0 for a URL (not known until it is downloaded).</param>
/// <param name="Listed">True when an input listing (<see cref="InputListing"/>) named it: the Spark job then reads it
/// in its executors by path or URL instead of through <c>binaryFile</c>.</param>
public sealed record InputFile(int Index, string Path, long Length, bool Listed = false);
