using System.Collections.Concurrent;
using Microsoft.Spark;
using RedPajama.Configuration;
using RedPajama.Engine.Rows;
using RedPajama.LanguageId;
using RedPajama.Sources;
using RedPajama.Tokenization;

namespace RedPajama.Spark;

/// <summary>
/// The per-process state of <see cref="DocumentUdf"/>: parsed configurations and pipeline rows, built once per worker
/// process. A class of its own because Microsoft.Spark's <c>UdfSerDe</c> serialises every field of a UDF's target
/// type, static ones included: caches kept on <see cref="DocumentUdf"/> would travel in the command (and fail there).
/// </summary>
internal static class DocumentUdfCache
{
    private static readonly ConcurrentDictionary<(string Source, string Yaml, string? Tokenizer, string? Lid), SegmentRows> RowsBySettings = new();
    private static readonly ConcurrentDictionary<(string Yaml, string? Tokenizer, string? Lid), RunConfig> Configs = new();

    /// <summary>The rows of a source under a configuration.</summary>
    public static SegmentRows Rows(string source, string configYaml, string? tokenizerModelFile, string? languageIdModelFile) =>
        RowsBySettings.GetOrAdd((source, configYaml, tokenizerModelFile, languageIdModelFile), static key =>
            new SegmentRows(SourceCatalog.Describe(key.Source, Config(key.Yaml, key.Tokenizer, key.Lid))));

    /// <summary>
    /// The run configuration, with the model paths as this process can open them: the configured (or bundled) path
    /// when it exists here, else the shipped file in the task's Spark files directory (<c>SparkFiles.Get</c>, which a
    /// worker resolves from the directory the executor names in the task; on a driver it asks the JVM).
    /// </summary>
    public static RunConfig Config(string configYaml, string? tokenizerModelFile, string? languageIdModelFile) =>
        Configs.GetOrAdd((configYaml, tokenizerModelFile, languageIdModelFile), static key =>
        {
            RunConfig config = RunConfigLoader.Parse(key.Yaml);
            if (key.Tokenizer is not null && !File.Exists(PipelineTokenization.ModelPath(config.Tokenizer)))
            {
                config.Tokenizer.Model = SparkFiles.Get(key.Tokenizer);
            }

            if (key.Lid is not null && !File.Exists(LanguageIdModels.ModelPath(config.Lid.Model)))
            {
                config.Lid.Model = SparkFiles.Get(key.Lid);
            }

            return config;
        });
}
