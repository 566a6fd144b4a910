namespace RedPajama.Udfs.FastText;

/// <summary>A row-major float matrix (<c>DenseMatrix</c>).</summary>
internal sealed class DenseMatrix : FastTextMatrix
{
    private readonly float[] _data;
    private readonly int _columns;

    private DenseMatrix(long rows, int columns, float[] data)
    {
        Rows = rows;
        _columns = columns;
        _data = data;
    }

    public override long Rows { get; }

    public override long Columns => _columns;

    public static DenseMatrix Read(ref ModelReader reader)
    {
        long rows = reader.ReadInt64();
        long columns = reader.ReadInt64();
        if (rows < 0 || columns <= 0 || columns > 1 << 20 || rows > int.MaxValue / Math.Max(1, columns))
        {
            throw reader.Error($"implausible matrix shape {rows} x {columns}");
        }

        return new DenseMatrix(rows, (int)columns, reader.ReadFloats(rows * columns));
    }

    public override void AddRowTo(Span<float> vector, int row)
    {
        ReadOnlySpan<float> values = _data.AsSpan(row * _columns, _columns);
        for (int j = 0; j < values.Length; j++)
        {
            vector[j] += values[j];
        }
    }

    public override float DotRow(ReadOnlySpan<float> vector, int row)
    {
        ReadOnlySpan<float> values = _data.AsSpan(row * _columns, _columns);
        float sum = 0f;
        for (int j = 0; j < values.Length; j++)
        {
            sum += values[j] * vector[j];
        }

        return sum;
    }
}
