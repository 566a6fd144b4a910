using RedPajama.Configuration;
using RedPajama.Dedup;
using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Pipeline;
using RedPajama.Quality;
using RedPajama.Reading;
using RedPajama.Sources.Books;
using RedPajama.Tokenization;

namespace RedPajama.Tests.Support;

/// <summary>Runs the books pipeline on the local engine in a test.</summary>
internal static class BooksRun
{
    public static RunStatistics Run(IEnumerable<string> inputs, string output, LocalEngineOptions? options = null, BooksOptions? books = null, TokenizerConfig? tokenizer = null, QualityConfig? quality = null, DedupConfig? dedup = null, CancellationToken cancellationToken = default)
    {
        InputResolution resolution = InputResolver.Resolve(inputs, BooksReader.Accepts);
        var engine = new LocalEngine(options ?? new LocalEngineOptions());
        PipelineDescription pipeline = BooksSource.Describe(books ?? new BooksOptions());
        if (quality is not null)
        {
            pipeline = PipelineQuality.AddTo(pipeline, quality);
        }

        if (dedup is not null)
        {
            pipeline = PipelineDedup.AddTo(pipeline, dedup);
        }

        if (tokenizer is not null)
        {
            pipeline = PipelineTokenization.AddTo(pipeline, tokenizer);
        }

        return engine.RunAsync(pipeline, resolution.Files, output, resolution.Problems, cancellationToken)
            .GetAwaiter().GetResult();
    }
}
