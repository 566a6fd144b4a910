namespace RedPajama.Cli;

/// <summary>What <c>redpajama signals</c> did: read = written + skipped.</summary>
public sealed class SignalsSummary
{
    /// <summary>Non-blank input lines.</summary>
    public long Read { get; set; }

    /// <summary>Documents written with their signals.</summary>
    public long Written { get; set; }

    /// <summary>Lines skipped (not a JSON object with a string text), each reported.</summary>
    public long Skipped { get; set; }

    /// <summary>Written documents every applicable rule passes (all of them without rules).</summary>
    public long Kept { get; set; }
}
