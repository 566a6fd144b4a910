using RedPajama.Configuration;
using RedPajama.Dedup;
using RedPajama.LanguageId;
using RedPajama.LanguageModel;
using RedPajama.Pipeline;
using RedPajama.Quality;
using RedPajama.Reading;
using RedPajama.Tokenization;

namespace RedPajama.Sources;

/// <summary>
/// The sources the <c>redpajama</c> CLI and the Spark job can run, by name (those <see cref="SourceRegistry"/>
/// finds), and the global steps every source's pipeline gets.
/// </summary>
public static class SourceCatalog
{
    /// <summary>Names of the sources available, in name order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. SourceRegistry.All.Select(s => s.Name)];

    /// <summary>Describes the pipeline of a source.</summary>
    /// <param name="source">A name from <see cref="Names"/>.</param>
    /// <param name="config">The run configuration.</param>
    /// <param name="warn">Receives configuration warnings (a language without a word list).</param>
    /// <returns>
    /// The source's pipeline description, with language ID, quality scoring, near dedup and tokenization added as
    /// <see cref="RunConfig.Lid"/>, <see cref="RunConfig.Quality"/>, <see cref="RunConfig.Dedup"/> and
    /// <see cref="RunConfig.Tokenizer"/> say, partitioned as <see cref="RunConfig.Output"/> says (the source's default
    /// when it says nothing).
    /// </returns>
    /// <exception cref="ArgumentException">Unknown source or quality preset; a written or partition field the meta schema lacks.</exception>
    /// <exception cref="FormatException">Invalid quality rules file.</exception>
    /// <exception cref="Udfs.Tokenization.SentencePieceModelException">The tokenizer model cannot be loaded.</exception>
    /// <exception cref="Udfs.FastText.FastTextModelException">The language-ID model cannot be loaded.</exception>
    public static PipelineDescription Describe(string source, RunConfig config, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        PipelineSource found = Get(source);
        PipelineDescription pipeline = found.Describe(config) with { Downloads = found.Downloads(config) };
        if (warn is not null)
        {
            foreach (string warning in found.Warnings(config))
            {
                warn(warning);
            }
        }

        pipeline = PipelineDedup.AddLineDedupTo(pipeline, config.LineDedup);
        pipeline = PipelineLanguageId.AddTo(pipeline, config.Lid);
        pipeline = PerplexitySteps.AddTo(pipeline, config.Perplexity);
        bool extras = found.AddsSignalsAndTokenCount(config);
        pipeline = PipelineQuality.AddTo(pipeline, config.Quality, warn, signalsWanted: extras);
        pipeline = PipelineDedup.AddTo(pipeline, config.Dedup);
        pipeline = PipelineTokenization.AddTo(pipeline, config.Tokenizer, tokenCountWanted: extras);
        if (config.Output.PartitionBy is { } partitionBy)
        {
            pipeline = pipeline with { PartitionBy = [.. partitionBy] };
        }

        // The schema is final now: a projection or partition field it lacks is a configuration error.
        _ = pipeline.ResolveOutput();
        return pipeline;
    }

    /// <summary>
    /// Lets a source take settings from its first input (<see cref="PipelineSource.InferFromFirstInput"/>; the
    /// <c>documents</c> source infers its meta fields when <c>documents.meta</c> is empty). Engines call this once,
    /// on the driver, before <see cref="Describe"/>.
    /// </summary>
    /// <param name="source">A name from <see cref="Names"/>.</param>
    /// <param name="config">The run configuration, completed in place.</param>
    /// <param name="firstInput">The first input file, or null when there is none (nothing is inferred).</param>
    /// <exception cref="ArgumentException">Unknown source.</exception>
    /// <exception cref="InvalidDataException">The first input cannot be read.</exception>
    public static void InferFromFirstInput(string source, RunConfig config, string? firstInput)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (firstInput is not null)
        {
            Get(source).InferFromFirstInput(config, firstInput);
        }
    }

    /// <summary>
    /// The files a run of <paramref name="source"/> opens on every worker: the tokenizer and language-ID models and the
    /// perplexity model folder when those global steps run, then the source's own (<see cref="PipelineSource.ShippedFiles"/>).
    /// </summary>
    /// <param name="source">A name from <see cref="Names"/>.</param>
    /// <param name="config">The run configuration.</param>
    /// <returns>The files, each once.</returns>
    /// <exception cref="ArgumentException">Unknown source.</exception>
    public static IReadOnlyList<ShippedFile> ShippedFiles(string source, RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        PipelineSource found = Get(source);
        var files = new List<ShippedFile>();
        if ((config.Tokenizer.TokenCount && found.AddsSignalsAndTokenCount(config)) || config.Tokenizer.InputIds)
        {
            files.Add(new ShippedFile(PipelineTokenization.ModelPath(config.Tokenizer), static (c, path) => c.Tokenizer.Model = path));
        }

        if (config.Tokenizer.TokenCountNeox)
        {
            files.Add(new ShippedFile(NeoxTokenizers.PathOf(config.Tokenizer.NeoxModel), static (c, path) => c.Tokenizer.NeoxModel = path));
        }

        if (config.Lid.Enabled)
        {
            files.Add(new ShippedFile(LanguageIdModels.ModelPath(config.Lid.Model), static (c, path) => c.Lid.Model = path));
        }

        if (config.Perplexity.Enabled && !string.IsNullOrEmpty(config.Perplexity.ModelDir))
        {
            files.Add(new ShippedFile(config.Perplexity.ModelDir, static (c, path) => c.Perplexity.ModelDir = path));
        }

        if (config.Perplexity.Enabled && !string.IsNullOrEmpty(config.Perplexity.Cutoffs))
        {
            files.Add(new ShippedFile(config.Perplexity.Cutoffs, static (c, path) => c.Perplexity.Cutoffs = path));
        }

        files.AddRange(found.ShippedFiles(config));
        return files;
    }

    /// <summary>Which files in an input directory or glob the source reads.</summary>
    /// <param name="source">A name from <see cref="Names"/>.</param>
    /// <returns>A predicate on file paths; every file for an unknown source (its name is refused elsewhere).</returns>
    public static Func<string, bool> InputFilter(string source) =>
        SourceRegistry.Find(source) is { } found ? found.Accepts : static _ => true;

    /// <summary>Which directories the source reads whole, as one input each (<see cref="PipelineSource.AcceptsDirectory"/>).</summary>
    /// <param name="source">A name from <see cref="Names"/>.</param>
    /// <returns>The predicate; false for every directory of an unknown source.</returns>
    public static Func<string, bool> DirectoryFilter(string source) =>
        SourceRegistry.Find(source) is { } found ? found.AcceptsDirectory : static _ => false;

    /// <summary>
    /// How the source's <c>--input</c> arguments are resolved: its directory filter, its listing root
    /// (<see cref="PipelineSource.ListingRoot"/>), its download settings and the shard.
    /// </summary>
    /// <param name="source">A name from <see cref="Names"/>.</param>
    /// <param name="config">The run configuration.</param>
    /// <param name="shard">The part of the input list to read, or null for all of it.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">Unknown source, or a listing root that is not a valid URL.</exception>
    public static InputResolverOptions InputOptions(string source, RunConfig config, InputShard? shard = null)
    {
        PipelineSource found = Get(source);
        return new InputResolverOptions { Include = found.Accepts, IncludeDirectory = found.AcceptsDirectory, ListingRoot = found.ListingRoot(config), Downloads = found.Downloads(config), Shard = shard };
    }

    private static PipelineSource Get(string source) =>
        SourceRegistry.Find(source) ?? throw new ArgumentException($"unknown source '{source}' (available: {string.Join(", ", Names)})", nameof(source));
}
