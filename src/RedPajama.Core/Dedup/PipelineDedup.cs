using RedPajama.Configuration;
using RedPajama.Pipeline;
using RedPajama.Steps;
using RedPajama.Udfs.Dedup;

namespace RedPajama.Dedup;

/// <summary>Adds CCNet's line dedup and near-duplicate removal to a source's pipeline as its configuration asks.</summary>
public static class PipelineDedup
{
    /// <summary>
    /// Returns <paramref name="pipeline"/> with a <see cref="CcnetLineDedupStep"/> right after the source's own
    /// per-document steps (before language ID, quality and dedup, as cc_net runs it), or unchanged when it is off.
    /// </summary>
    /// <param name="pipeline">A source's pipeline.</param>
    /// <param name="config">The <c>line_dedup:</c> section.</param>
    /// <returns>The pipeline to run.</returns>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static PipelineDescription AddLineDedupTo(PipelineDescription pipeline, LineDedupConfig config)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Enabled)
        {
            return pipeline;
        }

        if (config.Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, nameof(config));
        }

        return pipeline.InsertBeforeDeduplication(new CcnetLineDedupStep(pipeline.Meta, perInput: config.Scope == "input"));
    }

    /// <summary>
    /// Returns <paramref name="pipeline"/> with a last <see cref="NearDedupStep"/> or <see cref="SimHashDedupStep"/>
    /// (<c>dedup.method</c>), or unchanged when near dedup is off.
    /// </summary>
    /// <param name="pipeline">A source's pipeline.</param>
    /// <param name="config">The <c>dedup:</c> section.</param>
    /// <returns>The pipeline to run.</returns>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static PipelineDescription AddTo(PipelineDescription pipeline, DedupConfig config)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(config);
        if (!config.IsOn())
        {
            return pipeline;
        }

        if (config.Problems().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, nameof(config));
        }

        return pipeline.Append(Step(config));
    }

    /// <summary>The near-dedup step a valid, switched-on <c>dedup:</c> section describes.</summary>
    /// <param name="config">The section.</param>
    /// <param name="linkClusters">SimHash: link near-duplicate pairs into clusters instead of upstream's drop rule (marking).</param>
    /// <returns>The step.</returns>
    public static GroupedStep Step(DedupConfig config, bool linkClusters = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Method == "simhash")
        {
            return new SimHashDedupStep(linkClusters);
        }

        double threshold = config.NearThreshold ?? throw new ArgumentException("dedup.near_threshold is not set", nameof(config));
        ShingleKind kind = config.Shingles == "characters" ? ShingleKind.Characters : ShingleKind.Words;
        var hasher = new MinHasher(config.NumPerm, config.Ngram, kind, config.Seed);
        return config.Verify
            ? NearDedupStep.Verified(hasher, threshold)
            : new NearDedupStep(hasher, LshParameters.Optimal(threshold, config.NumPerm));
    }
}
