using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Steps;

namespace RedPajama.Sources.Books;

/// <summary>
/// The books pipeline (RedPajama <c>data_prep/book/</c>): Gutenberg files, PG-19 rows or Books3 rows → Gutenberg
/// cleaning → LF line endings → drop empty → exact dedup by content → <c>{"meta": …, "text": …}</c>.
/// </summary>
public static class BooksSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string Name = "books";

    /// <summary>Describes the pipeline.</summary>
    /// <param name="options">Books settings.</param>
    /// <returns>The description every engine runs.</returns>
    public static PipelineDescription Describe(BooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var steps = new List<IPipelineStep>
        {
            new GutenbergCleanStep(options.RequireGutenbergMarkers),
            new NormalizeLineEndingsStep(),
            new DropEmptyStep(),
        };
        if (options.ExactDedup)
        {
            steps.Add(new ExactDedupStep());
        }

        return new PipelineDescription(
            Name,
            BookMeta.Schema,
            new BooksReader(options.Limits),
            steps,
            JsonLayout.MetaThenText);
    }
}
