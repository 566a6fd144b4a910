using RedPajama.Configuration;
using RedPajama.Dedup;
using RedPajama.LanguageId;
using RedPajama.LanguageModel;
using RedPajama.Pipeline;
using RedPajama.Quality;
using RedPajama.Reading;
using RedPajama.Sources.Books;
using RedPajama.Sources.Documents;
using RedPajama.Tokenization;

namespace RedPajama.Sources;

/// <summary>The sources the <c>redpajama</c> CLI and the Spark job can run, by name.</summary>
public static class SourceCatalog
{
    /// <summary>Names of the sources available.</summary>
    public static IReadOnlyList<string> Names { get; } = [BooksSource.Name, DocumentsSource.Name];

    /// <summary>Describes the pipeline of a source.</summary>
    /// <param name="source">A name from <see cref="Names"/>.</param>
    /// <param name="config">The run configuration.</param>
    /// <param name="warn">Receives configuration warnings (a language without a word list).</param>
    /// <returns>
    /// The pipeline description, with language ID, quality scoring, near dedup and tokenization added as
    /// <see cref="RunConfig.Lid"/>, <see cref="RunConfig.Quality"/>, <see cref="RunConfig.Dedup"/> and
    /// <see cref="RunConfig.Tokenizer"/> say.
    /// </returns>
    /// <exception cref="ArgumentException">Unknown source or quality preset.</exception>
    /// <exception cref="FormatException">Invalid quality rules file.</exception>
    /// <exception cref="Udfs.Tokenization.SentencePieceModelException">The tokenizer model cannot be loaded.</exception>
    /// <exception cref="Udfs.FastText.FastTextModelException">The language-ID model cannot be loaded.</exception>
    public static PipelineDescription Describe(string source, RunConfig config, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        PipelineDescription pipeline = source switch
        {
            BooksSource.Name => BooksSource.Describe(new BooksOptions
            {
                RequireGutenbergMarkers = config.Books.RequireGutenbergMarkers,
                ExactDedup = config.Books.ExactDedup,
                Limits = ReadLimits.Default with { MaxRecordBytes = config.Books.MaxBookMb << 20 },
            }),
            DocumentsSource.Name => DocumentsSource.Describe(config.Documents),
            _ => throw new ArgumentException($"unknown source '{source}' (available: {string.Join(", ", Names)})", nameof(source)),
        };
        pipeline = PipelineDedup.AddLineDedupTo(pipeline, config.LineDedup);
        pipeline = PipelineLanguageId.AddTo(pipeline, config.Lid);
        pipeline = PerplexitySteps.AddTo(pipeline, config.Perplexity);
        pipeline = PipelineQuality.AddTo(pipeline, config.Quality, warn);
        pipeline = PipelineDedup.AddTo(pipeline, config.Dedup);
        return PipelineTokenization.AddTo(pipeline, config.Tokenizer);
    }

    /// <summary>
    /// Completes a configuration from the inputs where a source needs it: the <c>documents</c> source takes its meta
    /// fields from the first input file when <c>documents.meta</c> is empty. Engines call this once, on the driver.
    /// </summary>
    /// <param name="source">A name from <see cref="Names"/>.</param>
    /// <param name="config">The run configuration, completed in place.</param>
    /// <param name="firstInput">The first input file, or null when there is none.</param>
    /// <exception cref="InvalidDataException">The first input cannot be read.</exception>
    public static void CompleteFromInputs(string source, RunConfig config, string? firstInput)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (source == DocumentsSource.Name && config.Documents.Meta.Count == 0 && firstInput is not null)
        {
            config.Documents.Meta = [.. DocumentsMetaInference.Infer(firstInput)];
        }
    }

    /// <summary>Which files in an input directory or glob the source reads.</summary>
    /// <param name="source">A name from <see cref="Names"/>.</param>
    /// <returns>A predicate on file paths.</returns>
    public static Func<string, bool> InputFilter(string source) => source switch
    {
        BooksSource.Name => BooksReader.Accepts,
        DocumentsSource.Name => DocumentsReader.Accepts,
        _ => static _ => true,
    };
}
