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

    /// <summary>
    /// The shard that <c>--num-shards</c>, <c>--shard</c> and <c>--hash-in-mem</c> name (the CLI's and the Spark job's
    /// options alike), or null when none is given.
    /// </summary>
    /// <param name="count">The <c>--num-shards</c> value.</param>
    /// <param name="index">The <c>--shard</c> value.</param>
    /// <param name="hashInMem">The <c>--hash-in-mem</c> value.</param>
    /// <returns>The shard, or null.</returns>
    /// <exception cref="ArgumentException">One of the pair alone, <c>--hash-in-mem</c> without them, or a value out of range (the message says which).</exception>
    public static InputShard? FromOptions(int? count, int? index, int? hashInMem = null)
    {
        if (count is null && index is null)
        {
            return hashInMem is null ? null : throw new ArgumentException("--hash-in-mem goes with --num-shards N --shard s");
        }

        if (count is not { } n || index is not { } s)
        {
            throw new ArgumentException("--shard and --num-shards go together: --num-shards N --shard s reads shard s (0 to N-1) of the inputs");
        }

        try
        {
            return new InputShard(s, n) { HashInMem = hashInMem ?? 1 };
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new ArgumentException(exception.Message.Split(" (Parameter", 2)[0], exception);
        }
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
