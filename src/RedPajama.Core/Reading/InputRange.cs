namespace RedPajama.Reading;

/// <summary>
/// A byte range of an input file that a reader reads on its own (a run of whole bzip2 streams of a multistream
/// Wikipedia dump): the engines read each range of a split file as a separate input, so one large file keeps every
/// core, or every Spark task, busy (<see cref="IInputSplitter"/>).
/// </summary>
/// <param name="Start">Offset of the range's first byte.</param>
/// <param name="End">Offset just past its last byte.</param>
public sealed record InputRange(long Start, long End)
{
    /// <summary>The range's size in bytes.</summary>
    public long Length => End - Start;

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bytes {Start}-{End}");
}
