namespace RedPajama.Documents;

/// <summary>
/// Where a document was read: the index of its input file in the sorted input list, and the index of the record
/// in that file (counting dropped records too). "Keep the first" always means the smallest order key, so results
/// do not depend on thread count, partitioning or engine.
/// </summary>
/// <param name="Input">Index of the input file, from 0.</param>
/// <param name="Record">Index of the record in its file, from 0.</param>
public readonly record struct OrderKey(int Input, long Record) : IComparable<OrderKey>
{
    /// <inheritdoc />
    public int CompareTo(OrderKey other)
    {
        int byInput = Input.CompareTo(other.Input);
        return byInput != 0 ? byInput : Record.CompareTo(other.Record);
    }

    /// <summary>Orders keys by input, then record.</summary>
    public static bool operator <(OrderKey left, OrderKey right) => left.CompareTo(right) < 0;

    /// <summary>Orders keys by input, then record.</summary>
    public static bool operator >(OrderKey left, OrderKey right) => left.CompareTo(right) > 0;

    /// <summary>Orders keys by input, then record.</summary>
    public static bool operator <=(OrderKey left, OrderKey right) => left.CompareTo(right) <= 0;

    /// <summary>Orders keys by input, then record.</summary>
    public static bool operator >=(OrderKey left, OrderKey right) => left.CompareTo(right) >= 0;
}
