using RedPajama.Configuration;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Steps;

namespace RedPajama.Sources.Books;

/// <summary>
/// The books pipeline (RedPajama <c>data_prep/book/</c>): Gutenberg files, PG-19 rows or Books3 rows → Gutenberg
/// cleaning → LF line endings → drop empty → exact dedup by content → <c>{"meta": …, "text": …}</c>. Its section is
/// <c>books:</c> (<see cref="BooksConfig"/>).
/// </summary>
public sealed class BooksSource : PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string SourceName = "books";

    /// <inheritdoc />
    public override string Name => SourceName;

    /// <inheritdoc />
    public override Type SectionType => typeof(BooksConfig);

    /// <inheritdoc />
    public override IEnumerable<string?> SectionProblems(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [NumberRange.AtLeast(1).Check($"{SectionName}.max_book_mb", config.Section<BooksConfig>().MaxBookMb)];
    }

    /// <inheritdoc />
    public override bool Accepts(string path) => BooksReader.Accepts(path);

    /// <inheritdoc />
    public override PipelineDescription Describe(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        BooksConfig books = config.Section<BooksConfig>();
        return Describe(new BooksOptions
        {
            RequireGutenbergMarkers = books.RequireGutenbergMarkers,
            ExactDedup = books.ExactDedup,
            Limits = ReadLimits.Default with { MaxRecordBytes = books.MaxBookMb << 20 },
        });
    }

    /// <summary>Describes the pipeline from settings already in engine form.</summary>
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
            SourceName,
            BookMeta.Schema,
            new BooksReader(options.Limits),
            steps,
            JsonLayout.MetaThenText);
    }
}
