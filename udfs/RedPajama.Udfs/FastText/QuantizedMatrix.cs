namespace RedPajama.Udfs.FastText;

/// <summary>A product-quantised matrix (<c>QuantMatrix</c>, what <c>fasttext quantize</c> writes into <c>.ftz</c>), with optional quantised row norms.</summary>
internal sealed class QuantizedMatrix : FastTextMatrix
{
    private readonly byte[] _codes;
    private readonly ProductQuantizer _quantizer;
    private readonly byte[]? _normCodes;
    private readonly ProductQuantizer? _normQuantizer;

    private QuantizedMatrix(long rows, long columns, byte[] codes, ProductQuantizer quantizer, byte[]? normCodes, ProductQuantizer? normQuantizer)
    {
        Rows = rows;
        Columns = columns;
        _codes = codes;
        _quantizer = quantizer;
        _normCodes = normCodes;
        _normQuantizer = normQuantizer;
    }

    public override long Rows { get; }

    public override long Columns { get; }

    public static QuantizedMatrix Read(ref ModelReader reader)
    {
        bool qnorm = reader.ReadBool();
        long rows = reader.ReadInt64();
        long columns = reader.ReadInt64();
        int codeSize = reader.ReadInt32();
        if (rows < 0 || columns <= 0 || codeSize < 0)
        {
            throw reader.Error($"implausible quantised matrix {rows} x {columns} with {codeSize} code bytes");
        }

        byte[] codes = reader.Take(codeSize).ToArray();
        ProductQuantizer quantizer = ProductQuantizer.Read(ref reader);
        if (quantizer.Dimension != columns || (long)quantizer.Subquantizers * rows != codeSize)
        {
            throw reader.Error($"quantiser of dimension {quantizer.Dimension} x {quantizer.Subquantizers} does not fit {rows} x {columns} with {codeSize} code bytes");
        }

        byte[]? normCodes = null;
        ProductQuantizer? normQuantizer = null;
        if (qnorm)
        {
            normCodes = reader.Take(rows).ToArray();
            normQuantizer = ProductQuantizer.Read(ref reader);
        }

        return new QuantizedMatrix(rows, columns, codes, quantizer, normCodes, normQuantizer);
    }

    public override void AddRowTo(Span<float> vector, int row) => _quantizer.AddCode(vector, Codes(row), Norm(row));

    public override float DotRow(ReadOnlySpan<float> vector, int row) => _quantizer.MultiplyCode(vector, Codes(row), Norm(row));

    private ReadOnlySpan<byte> Codes(int row) => _codes.AsSpan(row * _quantizer.Subquantizers, _quantizer.Subquantizers);

    private float Norm(int row) => _normCodes is null ? 1f : _normQuantizer!.Centroid(0, _normCodes[row])[0];
}
