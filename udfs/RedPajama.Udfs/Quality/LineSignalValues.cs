namespace RedPajama.Udfs.Quality;

/// <summary>One line signal of one document: a <c>(start, end, value)</c> span per line, offsets in code points.</summary>
public sealed class LineSignalValues
{
    /// <summary>Creates an empty list with room for <paramref name="capacity"/> spans.</summary>
    /// <param name="capacity">Expected number of spans.</param>
    public LineSignalValues(int capacity)
    {
        Starts = new long[Math.Max(capacity, 0)];
        Ends = new long[Starts.Length];
        Values = new double[Starts.Length];
    }

    /// <summary>
    /// Creates a list over spans shared with other signals of the same lines: only the values are this list's own.
    /// </summary>
    /// <param name="starts">Span starts, at least <paramref name="count"/> of them.</param>
    /// <param name="ends">Span ends.</param>
    /// <param name="count">Number of spans.</param>
    /// <returns>The list, values all 0 until set.</returns>
    public static LineSignalValues OverSharedSpans(long[] starts, long[] ends, int count)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(ends);
        return new LineSignalValues(0) { Starts = starts, Ends = ends, Values = new double[count], Count = count };
    }

    /// <summary>Wraps filled arrays of equal length (a deserialised list).</summary>
    /// <param name="starts">Span starts.</param>
    /// <param name="ends">Span ends.</param>
    /// <param name="values">Span values, NaN for null.</param>
    /// <returns>The list.</returns>
    public static LineSignalValues FromArrays(long[] starts, long[] ends, double[] values)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(ends);
        ArgumentNullException.ThrowIfNull(values);
        if (ends.Length != starts.Length || values.Length != starts.Length)
        {
            throw new ArgumentException("starts, ends and values differ in length");
        }

        return new LineSignalValues(0) { Starts = starts, Ends = ends, Values = values, Count = starts.Length };
    }

    /// <summary>Number of spans.</summary>
    public int Count { get; private set; }

    /// <summary>Span starts (code points), the first <see cref="Count"/> used.</summary>
    public long[] Starts { get; private set; }

    /// <summary>Span ends (code points, exclusive), the first <see cref="Count"/> used.</summary>
    public long[] Ends { get; private set; }

    /// <summary>Span values; <see cref="double.NaN"/> stands for null (upstream's <c>None</c>) and is written as null.</summary>
    public double[] Values { get; private set; }

    /// <summary>Appends a span.</summary>
    /// <param name="start">First code point.</param>
    /// <param name="end">End code point (exclusive).</param>
    /// <param name="value">The value, or NaN for null.</param>
    public void Add(long start, long end, double value)
    {
        if (Count == Starts.Length)
        {
            int size = Math.Max(4, Count * 2);
            Starts = Resize(Starts, size);
            Ends = Resize(Ends, size);
            Values = Resize(Values, size);
        }

        Starts[Count] = start;
        Ends[Count] = end;
        Values[Count] = value;
        Count++;
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}
