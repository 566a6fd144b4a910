namespace RedPajama.Cli;

/// <summary>The arguments of <c>redpajama run</c>, as parsed.</summary>
/// <param name="Source">The source name.</param>
/// <param name="Inputs">Files, directories or globs.</param>
/// <param name="Output">The output directory.</param>
/// <param name="Engine">The engine: <c>local</c>, or <c>spark</c> through a submit script.</param>
/// <param name="ConfigPath">A YAML configuration file, or null.</param>
/// <param name="Threads">Worker threads, overriding the configuration.</param>
/// <param name="Format">Output format, overriding the configuration.</param>
/// <param name="KeepAll">Write dropped documents too.</param>
/// <param name="NearDedup">Near-dedup Jaccard threshold, overriding <c>dedup.near_threshold</c>; null keeps the configuration's.</param>
/// <param name="SparkDeployment">With <c>--engine spark</c>: the submit script (local, standalone, yarn, kubernetes).</param>
/// <param name="DryRun">With <c>--engine spark</c>: print the spark-submit command without running it.</param>
/// <param name="Languages">commoncrawl: languages kept (<c>en,de</c> or <c>all</c>), overriding <c>commoncrawl.languages</c>.</param>
/// <param name="LmDir">commoncrawl: CCNet's model folder, overriding <c>commoncrawl.lm_dir</c>.</param>
/// <param name="Metadata">commoncrawl: <c>released</c> or <c>ccnet</c>, overriding <c>commoncrawl.metadata</c>.</param>
/// <param name="Classifier">The Wikipedia-reference classifier model, overriding <c>commoncrawl.classifier</c>; null keeps the configuration's.</param>
/// <param name="PartitionBy">Meta fields to partition the output by, overriding <c>output.partition_by</c>; null keeps the configuration's, empty turns partitioning off.</param>
/// <param name="NumShards">Cut the input list (a listing's segments) into this many shards, as cc_net does; null for none.</param>
/// <param name="Shard">The shard this run reads, from 0; goes with <paramref name="NumShards"/>.</param>
/// <param name="HashInMem">cc_net's <c>hash_in_mem</c>: paragraph dedup over groups of this many shards (the run reads its shard's group, writes its shard).</param>
/// <param name="DumpDate">wikipedia: the records' timestamp (YYYYMMDD), overriding <c>wikipedia.dump_date</c>; null keeps the configuration's.</param>
public sealed record RunCommandOptions(
    string Source,
    IReadOnlyList<string> Inputs,
    string Output,
    string Engine,
    string? ConfigPath,
    int? Threads,
    string? Format,
    bool KeepAll,
    double? NearDedup = null,
    string SparkDeployment = "local",
    bool DryRun = false,
    string? Languages = null,
    string? LmDir = null,
    string? Metadata = null,
    string? Classifier = null,
    IReadOnlyList<string>? PartitionBy = null,
    int? NumShards = null,
    int? Shard = null,
    int? HashInMem = null,
    string? DumpDate = null)
{
    /// <summary>The shard of <c>--shard</c> and <c>--num-shards</c>, or null when neither is given.</summary>
    /// <returns>The shard.</returns>
    /// <exception cref="ArgumentException">Only one of the two is given, or the shard is out of range.</exception>
    public Reading.InputShard? InputShard() => Reading.InputShard.FromOptions(NumShards, Shard, HashInMem);
}
