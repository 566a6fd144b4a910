using RedPajama.Configuration;
using RedPajama.Pipeline;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// The CommonCrawl pipeline (RedPajama <c>data_prep/cc/cc_net</c>): WET files parsed as cc_net parses them
/// (<see cref="WetReader"/>) → cc_net's minimum length → <c>{"text": …, "meta": {…}}</c>. Paragraph dedup,
/// language ID and perplexity come from the global <c>line_dedup:</c>, <c>lid:</c> and <c>perplexity:</c> sections.
/// Its section is <c>commoncrawl:</c> (<see cref="CommonCrawlConfig"/>).
/// </summary>
public sealed class CommonCrawlSource : PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string SourceName = "commoncrawl";

    /// <inheritdoc />
    public override string Name => SourceName;

    /// <inheritdoc />
    public override Type SectionType => typeof(CommonCrawlConfig);

    /// <inheritdoc />
    public override IEnumerable<string?> SectionProblems(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [NumberRange.AtLeast(0).Check($"{SectionName}.min_length", config.Section<CommonCrawlConfig>().MinLength)];
    }

    /// <inheritdoc />
    public override bool Accepts(string path) => WetReader.Accepts(path);

    /// <inheritdoc />
    public override PipelineDescription Describe(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CommonCrawlConfig section = config.Section<CommonCrawlConfig>();
        return new PipelineDescription(
            SourceName,
            CommonCrawlMeta.Schema,
            new WetReader(),
            [new MinLengthStep(section.MinLength)],
            JsonLayout.TextThenMeta);
    }
}
