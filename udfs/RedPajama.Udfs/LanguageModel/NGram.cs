namespace RedPajama.Udfs.LanguageModel;

/// <summary>A short sequence of word ids used as a dictionary key while estimating a model.</summary>
internal readonly struct NGram : IEquatable<NGram>
{
    private readonly int[] _ids;

    public NGram(ReadOnlySpan<int> ids) => _ids = ids.ToArray();

    public static NGram Empty { get; } = new([]);

    public int Length => _ids.Length;

    public int this[int index] => _ids[index];

    public ReadOnlySpan<int> Ids => _ids;

    /// <summary>All but the first word (the lower-order n-gram it backs off to).</summary>
    public NGram Suffix() => new(_ids.AsSpan(1));

    /// <summary>All but the last word (its context).</summary>
    public NGram Prefix() => new(_ids.AsSpan(0, _ids.Length - 1));

    public bool Equals(NGram other) => _ids.AsSpan().SequenceEqual(other._ids);

    public override bool Equals(object? obj) => obj is NGram other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int id in _ids)
        {
            hash.Add(id);
        }

        return hash.ToHashCode();
    }
}
