namespace RedPajama.Quality;

/// <summary>How a rule reduces a line signal's spans to one number (document signals need none).</summary>
public enum RuleAggregate
{
    /// <summary>The document signal's value.</summary>
    Value,

    /// <summary>Mean of the line values (null when there are no lines).</summary>
    Mean,

    /// <summary>Sum of the line values.</summary>
    Sum,

    /// <summary>Smallest line value (null when there are no lines).</summary>
    Min,

    /// <summary>Largest line value (null when there are no lines).</summary>
    Max,
}
