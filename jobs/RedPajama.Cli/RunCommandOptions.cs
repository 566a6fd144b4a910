namespace RedPajama.Cli;

/// <summary>The arguments of <c>redpajama run</c>, as parsed.</summary>
/// <param name="Source">The source name.</param>
/// <param name="Inputs">Files, directories or globs.</param>
/// <param name="Output">The output directory.</param>
/// <param name="Engine">The engine (<c>local</c>).</param>
/// <param name="ConfigPath">A YAML configuration file, or null.</param>
/// <param name="Threads">Worker threads, overriding the configuration.</param>
/// <param name="Format">Output format, overriding the configuration.</param>
/// <param name="KeepAll">Write dropped documents too.</param>
/// <param name="NearDedup">Near-dedup Jaccard threshold, overriding <c>dedup.near_threshold</c>; null keeps the configuration's.</param>
public sealed record RunCommandOptions(
    string Source,
    IReadOnlyList<string> Inputs,
    string Output,
    string Engine,
    string? ConfigPath,
    int? Threads,
    string? Format,
    bool KeepAll,
    double? NearDedup = null);
