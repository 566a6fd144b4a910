namespace RedPajama.Engine;

/// <summary>What one step did: documents in, kept, and dropped by reason. <c>in = kept + Σ dropped</c>.</summary>
public sealed class StepStatistics
{
    /// <summary>Creates empty counters for a step.</summary>
    /// <param name="name">The step's name.</param>
    public StepStatistics(string name) => Name = name;

    /// <summary>The step's name (<c>read</c> for the reader).</summary>
    public string Name { get; }

    /// <summary>Documents that reached the step.</summary>
    public long In { get; set; }

    /// <summary>Documents the step kept.</summary>
    public long Kept { get; set; }

    /// <summary>Documents the step dropped, by reason, sorted by reason.</summary>
    public SortedDictionary<string, long> Dropped { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts one document dropped for <paramref name="reason"/>.</summary>
    /// <param name="reason">The reason.</param>
    /// <param name="count">How many.</param>
    public void AddDropped(string reason, long count = 1)
    {
        Dropped[reason] = Dropped.GetValueOrDefault(reason) + count;
    }

    /// <summary>Adds another worker's counters for the same step.</summary>
    /// <param name="other">Counters of the same step.</param>
    public void Add(StepStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        In += other.In;
        Kept += other.Kept;
        foreach ((string reason, long count) in other.Dropped)
        {
            AddDropped(reason, count);
        }
    }
}
