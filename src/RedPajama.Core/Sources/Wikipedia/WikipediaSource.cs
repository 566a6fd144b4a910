using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Sources.Wikipedia.Reading;

namespace RedPajama.Sources.Wikipedia;

/// <summary>
/// RedPajama-1T's Wikipedia subset (§5): MediaWiki <c>pages-articles</c> XML dumps (<c>.xml</c>, <c>.xml.bz2</c>,
/// multistream or not) read page by page (<see cref="WikipediaDumpReader"/>: namespace 0 only, redirects and empty
/// pages dropped), the wikitext cleaned as the HuggingFace <c>wikipedia</c> builder did on mwparserfromhell
/// (<see cref="WikipediaCleanStep"/>), and RedPajama's <c>convert_format.py</c> record:
/// <c>{"text", "meta": {"title", "url", "language", "timestamp"}}</c> (<see cref="WikipediaRecordStep"/>). No filter,
/// no dedup, no language ID, as upstream. Its section is <c>wikipedia:</c> (<see cref="WikipediaConfig"/>).
/// </summary>
public sealed class WikipediaSource : PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string SourceName = "wikipedia";

    /// <inheritdoc />
    public override string Name => SourceName;

    /// <inheritdoc />
    public override Type SectionType => typeof(WikipediaConfig);

    /// <inheritdoc />
    public override bool Accepts(string path) => WikipediaDumpReader.Accepts(path);

    /// <inheritdoc />
    public override bool AddsSignalsAndTokenCount(RunConfig config) => false;

    /// <inheritdoc />
    public override IEnumerable<string?> SectionProblems(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        WikipediaConfig wikipedia = config.Section<WikipediaConfig>();
        string? date = wikipedia.DumpDate;
        yield return date is null || (date.Length == 8 && date.All(char.IsAsciiDigit)) ? null : $"{SectionName}.dump_date must be YYYYMMDD (got '{date}')";
        yield return wikipedia.Language is null || DumpNames.LanguageOfDbName(wikipedia.Language + "wiki") == wikipedia.Language ? null
            : $"{SectionName}.language must be a wiki's language code such as de or zh-classical (got '{wikipedia.Language}')";
        yield return wikipedia.RangeMb > 0 && RangeBytes(wikipedia) >= 1 ? null : $"{SectionName}.range_mb must be more than 0 (got {wikipedia.RangeMb.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
    }

    /// <inheritdoc />
    public override PipelineDescription Describe(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var meta = new MetaSchema([.. WikipediaMeta.All]);
        WikipediaConfig wikipedia = config.Section<WikipediaConfig>();
        IPipelineStep[] steps =
        [
            new WikipediaCleanStep(meta),
            new WikipediaRecordStep(meta, wikipedia.DumpDate),
        ];
        var reader = new WikipediaDumpReader(WikipediaDumpReader.DefaultMaxPageChars, RangeBytes(wikipedia)) { Language = wikipedia.Language };
        return new PipelineDescription(SourceName, meta, reader, steps, JsonLayout.TextThenMeta)
        {
            WrittenMeta = WikipediaMeta.Written,
        };
    }

    private static long RangeBytes(WikipediaConfig wikipedia) => (long)Math.Min(wikipedia.RangeMb * (1 << 20), long.MaxValue / 4);
}
