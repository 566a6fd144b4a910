namespace RedPajama.Udfs.FastText;

/// <summary>A row-major float matrix (<c>DenseMatrix</c>).</summary>
internal sealed class DenseMatrix : FastTextMatrix
{
    private readonly float[] _data;
    private readonly int _columns;

    /// <summary>Creates a matrix over <paramref name="data"/> (row-major, rows x columns).</summary>
    public DenseMatrix(long rows, int columns, float[] data)
    {
        Rows = rows;
        _columns = columns;
        _data = data;
    }

    public override long Rows { get; }

    public override long Columns => _columns;

    /// <summary>The values, row-major; training updates them in place (Hogwild: threads share them without locks).</summary>
    public float[] Data => _data;

    /// <summary>Adds <paramref name="alpha"/> times <paramref name="vector"/> to row <paramref name="row"/> (<c>addVectorToRow</c>).</summary>
    public void AddVectorToRow(ReadOnlySpan<float> vector, int row, float alpha)
    {
        Span<float> values = _data.AsSpan(row * _columns, _columns);
        for (int j = 0; j < values.Length; j++)
        {
            values[j] += alpha * vector[j];
        }
    }

    /// <summary>Adds <paramref name="alpha"/> times row <paramref name="row"/> to <paramref name="vector"/>.</summary>
    public void AddRowTo(Span<float> vector, int row, float alpha)
    {
        ReadOnlySpan<float> values = _data.AsSpan(row * _columns, _columns);
        for (int j = 0; j < values.Length; j++)
        {
            vector[j] += alpha * values[j];
        }
    }

    /// <summary>Writes the matrix as <c>DenseMatrix::save</c> does.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Rows);
        writer.Write((long)_columns);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_data.AsSpan()));
    }

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
