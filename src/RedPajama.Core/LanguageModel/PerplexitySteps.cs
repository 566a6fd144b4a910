using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Pipeline;

namespace RedPajama.LanguageModel;

/// <summary>Turns the <c>perplexity:</c> section into a <see cref="PerplexityStep"/> and the meta fields it writes.</summary>
public static class PerplexitySteps
{
    /// <summary>
    /// The step and the meta fields to append to <paramref name="meta"/> (<c>perplexity</c> float, <c>bucket</c>
    /// text; a field already there with that type is reused, not added again). The step expects the schema
    /// <paramref name="meta"/> followed by the returned fields, in that order. Off: no step and no fields.
    /// </summary>
    /// <param name="config">The <c>perplexity:</c> section.</param>
    /// <param name="meta">The pipeline's meta schema before this step.</param>
    /// <returns>The step (null when off) and the fields it adds.</returns>
    /// <exception cref="ArgumentException">The section is invalid, or a field exists with another type.</exception>
    /// <exception cref="DirectoryNotFoundException">The model folder does not exist.</exception>
    /// <exception cref="FormatException">The cutoff file is not in CCNet's format.</exception>
    /// <exception cref="IOException">The cutoff file cannot be read.</exception>
    public static (IDocumentStep? Step, IReadOnlyList<MetaField> Meta) FromConfig(PerplexityConfig config, MetaSchema meta)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(meta);
        if (!config.Enabled)
        {
            return (null, []);
        }

        if (config.Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, nameof(config));
        }

        string modelDirectory = config.ModelDir!;
        if (!Directory.Exists(modelDirectory))
        {
            throw new DirectoryNotFoundException($"perplexity.model_dir: no folder '{modelDirectory}'");
        }

        var added = new List<MetaField>();
        AddUnlessPresent(meta, added, PerplexityStep.PerplexityField, MetaType.Float);
        AddUnlessPresent(meta, added, PerplexityStep.BucketField, MetaType.Text);
        var schema = new MetaSchema([.. meta.Fields, .. added]);
        var step = new PerplexityStep(modelDirectory, PerplexityModels.Cutoffs(PerplexityModels.CutoffsPath(config.Cutoffs)), schema, config.LanguageField, config.DefaultLanguage);
        return (step, added);
    }

    /// <summary>
    /// Returns <paramref name="pipeline"/> with the perplexity step and its meta fields, before deduplication and after
    /// language ID when both are on (cc_net's order: dedup, lid, lm, bucket), or unchanged when it is off.
    /// </summary>
    /// <param name="pipeline">A source's pipeline.</param>
    /// <param name="config">The <c>perplexity:</c> section.</param>
    /// <returns>The pipeline to run.</returns>
    public static PipelineDescription AddTo(PipelineDescription pipeline, PerplexityConfig config)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        (IDocumentStep? step, IReadOnlyList<MetaField> added) = FromConfig(config, pipeline.Meta);
        return step is null
            ? pipeline
            : (pipeline with { Meta = new MetaSchema([.. pipeline.Meta.Fields, .. added]) }).InsertBeforeDeduplication(step);
    }

    private static void AddUnlessPresent(MetaSchema meta, List<MetaField> added, string name, MetaType type)
    {
        int index = meta.IndexOf(name);
        if (index < 0)
        {
            added.Add(new MetaField(name, type));
        }
        else if (meta.Fields[index].Type != type)
        {
            // cc_net output read back has these fields; another type is a different field of the same name.
            throw new ArgumentException($"perplexity: meta field '{name}' exists with type {meta.Fields[index].Type}, not {type}", nameof(meta));
        }
    }
}
