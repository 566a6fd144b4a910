namespace RedPajama.Reading;

/// <summary>
/// One of <see cref="Count"/> equal parts of a run's input list, as cc_net's <c>CCShardReader.segments</c> cuts a
/// dump's segments: shard <c>s</c> of <c>N</c> keeps the contiguous range
/// <c>[floor(s·n/N), floor((s+1)·n/N))</c> of the <c>n</c> inputs, so the shards of a listing cover it exactly once.
/// </summary>
public sealed record InputShard
{
    private readonly int _hashInMem = 1;

    /// <summary>Creates the shard.</summary>
    /// <param name="index">The shard, from 0.</param>
    /// <param name="count">The number of shards, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 ≤ <paramref name="index"/> &lt; <paramref name="count"/>.</exception>
    public InputShard(int index, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"--num-shards must be at least 1 (got {count})");
        }

        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"--shard must be between 0 and {count - 1} for --num-shards {count} (got {index})");
        }

        Index = index;
        Count = count;
    }

    /// <summary>The shard, from 0.</summary>
    public int Index { get; }

    /// <summary>The number of shards.</summary>
    public int Count { get; }

    /// <summary>
    /// cc_net's <c>hash_in_mem</c>: shards are deduplicated (paragraph dedup) in groups of this many consecutive shards,
    /// so a run of shard <c>s</c> reads the whole group <c>s / HashInMem</c> and writes only shard <c>s</c>.
    /// </summary>
    public int HashInMem
    {
        get => _hashInMem;
        init => _hashInMem = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"--hash-in-mem must be at least 1 (got {value})");
    }

    /// <summary>The inputs the run reads: those of the shard's group of <see cref="HashInMem"/> shards.</summary>
    /// <param name="inputs">The length of the whole input list.</param>
    /// <returns>Start (inclusive) and end (exclusive) positions.</returns>
    public (int Start, int End) GroupRangeOf(int inputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputs);
        int first = Index / HashInMem * HashInMem;
        int last = Math.Min(first + HashInMem, Count);
        return ((int)((long)first * inputs / Count), (int)((long)last * inputs / Count));
    }

    /// <summary>The range this shard keeps of <paramref name="inputs"/> inputs.</summary>
    /// <param name="inputs">The length of the whole list.</param>
    /// <returns>The first position kept and the position after the last.</returns>
    public (int Start, int End) RangeOf(int inputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputs);
        return ((int)((long)Index * inputs / Count), (int)((long)(Index + 1) * inputs / Count));
    }
}
