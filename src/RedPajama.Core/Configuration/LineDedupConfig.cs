namespace RedPajama.Configuration;

/// <summary>
/// The <c>line_dedup:</c> section: CCNet's paragraph dedup (<see cref="Steps.CcnetLineDedupStep"/>), before language ID
/// and every other global step, as cc_net runs it.
/// <code>
/// line_dedup:
///   enabled: false
///   scope: run          # run: one group for all inputs | input: one group per input file (cc_net's --hash_in_mem 1 per shard)
/// </code>
/// </summary>
public sealed class LineDedupConfig
{
    /// <summary>Whether the step runs.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>run</c> or <c>input</c>.</summary>
    public string Scope { get; set; } = "run";

    /// <summary>The problems of this section.</summary>
    /// <returns>The messages; empty when every setting is valid.</returns>
    public IEnumerable<string> Problems()
    {
        if (Scope is not ("run" or "input"))
        {
            yield return $"line_dedup.scope must be run or input (got '{Scope}')";
        }
    }
}
