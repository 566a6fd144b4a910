namespace RedPajama.Udfs.FastText;

/// <summary>A fastText parameter matrix, dense or product-quantised: what prediction needs of it.</summary>
internal abstract class FastTextMatrix
{
    /// <summary>Number of rows.</summary>
    public abstract long Rows { get; }

    /// <summary>Number of columns (the dimension).</summary>
    public abstract long Columns { get; }

    /// <summary>Adds row <paramref name="row"/> to <paramref name="vector"/> (fastText's <c>addRowToVector</c>).</summary>
    public abstract void AddRowTo(Span<float> vector, int row);

    /// <summary>Dot product of row <paramref name="row"/> with <paramref name="vector"/>, summed in float in column order.</summary>
    public abstract float DotRow(ReadOnlySpan<float> vector, int row);

    /// <summary>Reads a dense (<c>DenseMatrix::load</c>) or quantised (<c>QuantMatrix::load</c>) matrix.</summary>
    public static FastTextMatrix Read(ref ModelReader reader, bool quantized) =>
        quantized ? QuantizedMatrix.Read(ref reader) : DenseMatrix.Read(ref reader);
}
