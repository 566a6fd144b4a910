namespace RedPajama.Reading;

/// <summary>Size limits that keep one bad record from exhausting memory.</summary>
/// <param name="MaxRecordBytes">Largest whole-file record (a book) read into memory.</param>
/// <param name="MaxLineBytes">Longest JSON line.</param>
public sealed record ReadLimits(long MaxRecordBytes, int MaxLineBytes)
{
    /// <summary>256 MiB records and lines: ten times the largest Gutenberg book.</summary>
    public static ReadLimits Default { get; } = new(256L << 20, 256 << 20);
}
