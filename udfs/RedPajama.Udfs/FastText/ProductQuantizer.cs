namespace RedPajama.Udfs.FastText;

/// <summary>
/// fastText's product quantiser: the dimension cut into sub-vectors of <c>dsub</c> columns (the last one
/// <c>lastdsub</c>), each row stored as one byte per sub-vector naming one of 256 centroids.
/// </summary>
internal sealed class ProductQuantizer
{
    private const int Centroids = 256;

    private readonly float[] _centroids;

    private ProductQuantizer(int dimension, int subquantizers, int subDimension, int lastSubDimension, float[] centroids)
    {
        Dimension = dimension;
        Subquantizers = subquantizers;
        SubDimension = subDimension;
        LastSubDimension = lastSubDimension;
        _centroids = centroids;
    }

    public int Dimension { get; }

    public int Subquantizers { get; }

    public int SubDimension { get; }

    public int LastSubDimension { get; }

    public static ProductQuantizer Read(ref ModelReader reader)
    {
        int dimension = reader.ReadInt32();
        int subquantizers = reader.ReadInt32();
        int subDimension = reader.ReadInt32();
        int lastSubDimension = reader.ReadInt32();
        if (dimension <= 0 || subquantizers <= 0 || subDimension <= 0 || lastSubDimension <= 0
            || ((subquantizers - 1) * subDimension) + lastSubDimension != dimension)
        {
            throw reader.Error($"inconsistent product quantiser: dim {dimension}, {subquantizers} x {subDimension} (last {lastSubDimension})");
        }

        return new ProductQuantizer(dimension, subquantizers, subDimension, lastSubDimension, reader.ReadFloats((long)dimension * Centroids));
    }

    /// <summary>The centroid <paramref name="code"/> of sub-quantiser <paramref name="m"/> (<c>get_centroids</c>).</summary>
    public ReadOnlySpan<float> Centroid(int m, byte code) => m == Subquantizers - 1
        ? _centroids.AsSpan((m * Centroids * SubDimension) + (code * LastSubDimension), LastSubDimension)
        : _centroids.AsSpan(((m * Centroids) + code) * SubDimension, SubDimension);

    /// <summary><c>addcode</c>: adds alpha times the decoded row to <paramref name="vector"/>.</summary>
    public void AddCode(Span<float> vector, ReadOnlySpan<byte> codes, float alpha)
    {
        for (int m = 0; m < Subquantizers; m++)
        {
            ReadOnlySpan<float> centroid = Centroid(m, codes[m]);
            Span<float> target = vector.Slice(m * SubDimension, centroid.Length);
            for (int n = 0; n < centroid.Length; n++)
            {
                target[n] += alpha * centroid[n];
            }
        }
    }

    /// <summary><c>mulcode</c>: the dot product of the decoded row with <paramref name="vector"/>, times alpha.</summary>
    public float MultiplyCode(ReadOnlySpan<float> vector, ReadOnlySpan<byte> codes, float alpha)
    {
        float result = 0f;
        for (int m = 0; m < Subquantizers; m++)
        {
            ReadOnlySpan<float> centroid = Centroid(m, codes[m]);
            ReadOnlySpan<float> source = vector.Slice(m * SubDimension, centroid.Length);
            for (int n = 0; n < centroid.Length; n++)
            {
                result += source[n] * centroid[n];
            }
        }

        return result * alpha;
    }
}
