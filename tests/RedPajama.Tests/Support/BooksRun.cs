using RedPajama.Engine;
using RedPajama.Engine.Local;
using RedPajama.Reading;
using RedPajama.Sources.Books;

namespace RedPajama.Tests.Support;

/// <summary>Runs the books pipeline on the local engine in a test.</summary>
internal static class BooksRun
{
    public static RunStatistics Run(IEnumerable<string> inputs, string output, LocalEngineOptions? options = null, BooksOptions? books = null, CancellationToken cancellationToken = default)
    {
        InputResolution resolution = InputResolver.Resolve(inputs, BooksReader.Accepts);
        var engine = new LocalEngine(options ?? new LocalEngineOptions());
        return engine.RunAsync(BooksSource.Describe(books ?? new BooksOptions()), resolution.Files, output, resolution.Problems, cancellationToken)
            .GetAwaiter().GetResult();
    }
}
