namespace RedPajama.Reading;

/// <summary>One input of a run: a file, or one range of a file its reader splits (<see cref="InputSplitting"/>).</summary>
/// <param name="Index">Position in the run's input list; the first half of every document's order key.</param>
/// <param name="Path">Full path, or the <c>http(s)://</c> URL it is downloaded from.</param>
/// <param name="Length">Size in bytes when the run started (of the range, for a range); 0 for a URL (not known until
/// it is downloaded).</param>
/// <param name="Listed">True when an input listing (<see cref="InputListing"/>) named it: the Spark job then reads it
/// in its executors by path or URL instead of through <c>binaryFile</c>.</param>
/// <param name="Range">The byte range of <paramref name="Path"/> this input is, or null for the whole file.</param>
public sealed record InputFile(int Index, string Path, long Length, bool Listed = false, InputRange? Range = null)
{
    /// <summary>How messages name the input: its path, and its range if it is one.</summary>
    public string Name => Range is null ? Path : $"{Path} ({Range})";
}
