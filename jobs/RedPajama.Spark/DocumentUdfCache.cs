using System.Collections.Concurrent;
using Microsoft.Spark;
using RedPajama.Configuration;
using RedPajama.Engine.Rows;
using RedPajama.Pipeline;
using RedPajama.Sources;

namespace RedPajama.Spark;

/// <summary>
/// The per-process state of <see cref="DocumentUdf"/>: parsed configurations and pipeline rows, built once per worker
/// process. A class of its own because Microsoft.Spark's <c>UdfSerDe</c> serialises every field of a UDF's target
/// type, static ones included: caches kept on <see cref="DocumentUdf"/> would travel in the command (and fail there).
/// </summary>
internal static class DocumentUdfCache
{
    private static readonly ConcurrentDictionary<(string Source, string Yaml), SegmentRows> RowsBySettings = new();
    private static readonly ConcurrentDictionary<(string Source, string Yaml), RunConfig> Configs = new();

    /// <summary>The rows of a source under a configuration.</summary>
    public static SegmentRows Rows(string source, string configYaml) =>
        RowsBySettings.GetOrAdd((source, configYaml), static key => new SegmentRows(SourceCatalog.Describe(key.Source, Config(key.Source, key.Yaml))));

    /// <summary>
    /// The run configuration, with the model paths as this process can open them: each configured (or bundled) path
    /// of <see cref="SourceCatalog.ShippedFiles"/> when it exists here, else the shipped copy in the task's Spark files
    /// directory (<c>SparkFiles.Get</c>, which a worker resolves from the directory the executor names in the task; on a
    /// driver it asks the JVM).
    /// </summary>
    public static RunConfig Config(string source, string configYaml) =>
        Configs.GetOrAdd((source, configYaml), static key =>
        {
            string source = key.Source;
            return RunConfigLoader.Parse(key.Yaml, beforeValidation: config =>
            {
                foreach (ShippedFile file in SourceCatalog.ShippedFiles(source, config))
                {
                    if (!Path.Exists(file.Path))
                    {
                        file.Relocate(config, SparkFiles.Get(file.Name));
                    }
                }
            });
        });
}
