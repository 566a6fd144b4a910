using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Tokenization;

/// <summary>Adds tokenization to a source's pipeline as its configuration asks: a <c>token_count</c> meta field, a last <see cref="TokenizeStep"/>, the <c>input_ids</c> column.</summary>
public static class PipelineTokenization
{
    /// <summary>The model file a configuration names, or the bundled default.</summary>
    /// <param name="config">The <c>tokenizer:</c> section.</param>
    /// <returns>The model path.</returns>
    public static string ModelPath(TokenizerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return string.IsNullOrEmpty(config.Model) ? BundledModels.DefaultTokenizerPath : config.Model;
    }

    /// <summary>Returns <paramref name="pipeline"/> with tokenization added, or unchanged when the configuration turns it off.</summary>
    /// <param name="pipeline">A source's pipeline.</param>
    /// <param name="config">The <c>tokenizer:</c> section.</param>
    /// <param name="tokenCountWanted">
    /// False when the source leaves <c>token_count</c> out (<see cref="Sources.PipelineSource.AddsSignalsAndTokenCount"/>);
    /// <c>input_ids</c> still follow the configuration.
    /// </param>
    /// <returns>The pipeline to run.</returns>
    /// <exception cref="SentencePieceModelException">The model cannot be loaded.</exception>
    public static PipelineDescription AddTo(PipelineDescription pipeline, TokenizerConfig config, bool tokenCountWanted = true)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(config);
        if (config.TokenCountNeox)
        {
            // Asked for by name, so added whatever the source's defaults (a recount when re-reading its own output).
            MetaSchema withNeox = pipeline.Meta.IndexOf(NeoxTokenCountStep.Field) < 0
                ? new MetaSchema([.. pipeline.Meta.Fields, new MetaField(NeoxTokenCountStep.Field, MetaType.Integer)])
                : pipeline.Meta;
            var neox = new NeoxTokenCountStep(NeoxTokenizers.Get(NeoxTokenizers.PathOf(config.NeoxModel)), withNeox);
            pipeline = (pipeline with { Meta = withNeox }).InsertBeforeDeduplication(neox);
        }

        bool tokenCount = config.TokenCount && tokenCountWanted;
        if (!tokenCount && !config.InputIds)
        {
            return pipeline;
        }

        SentencePieceTokenizer tokenizer = TokenizerCache.Get(ModelPath(config));
        // Re-read output of this project already has token_count; the step recounts it.
        MetaSchema meta = tokenCount && pipeline.Meta.IndexOf(TokenizeStep.TokenCountField) < 0
            ? new MetaSchema([.. pipeline.Meta.Fields, new MetaField(TokenizeStep.TokenCountField, MetaType.Integer)])
            : pipeline.Meta;
        var step = new TokenizeStep(tokenizer, meta, tokenCount, config.InputIds, config.AddBos, config.AddEos);
        return (pipeline with { Meta = meta, WritesInputIds = config.InputIds }).InsertBeforeDeduplication(step);
    }
}
