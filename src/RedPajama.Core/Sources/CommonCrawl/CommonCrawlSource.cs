using RedPajama.Configuration;
using RedPajama.Pipeline;
using RedPajama.Reading;

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
        CommonCrawlConfig section = config.Section<CommonCrawlConfig>();
        return
        [
            NumberRange.AtLeast(0).Check($"{SectionName}.min_length", section.MinLength),
            NumberRange.AtLeast(1).Check($"{SectionName}.download_attempts", section.DownloadAttempts),
            NumberRange.AtLeast(0).Check($"{SectionName}.download_backoff_ms", section.DownloadBackoffMs),
            NumberRange.AtLeast(1).Check($"{SectionName}.download_timeout_seconds", section.DownloadTimeoutSeconds),
            UrlRootProblem(section.UrlRoot),
        ];
    }

    /// <inheritdoc />
    /// <remarks>A <c>wet.paths</c> or <c>wet.paths.gz</c> named as an input lists WET files relative to <c>commoncrawl.url_root</c>.</remarks>
    public override ListingRoot? ListingRoot(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ListingRoot(config.Section<CommonCrawlConfig>().UrlRoot);
    }

    /// <inheritdoc />
    public override HttpDownloadOptions Downloads(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CommonCrawlConfig section = config.Section<CommonCrawlConfig>();
        return new HttpDownloadOptions
        {
            Attempts = section.DownloadAttempts,
            Backoff = TimeSpan.FromMilliseconds(section.DownloadBackoffMs),
            Timeout = TimeSpan.FromSeconds(section.DownloadTimeoutSeconds),
        };
    }

    private string? UrlRootProblem(string root)
    {
        try
        {
            _ = new ListingRoot(root);
            return null;
        }
        catch (ArgumentException)
        {
            return $"{SectionName}.url_root must be an http(s) URL or a directory (got '{root}')";
        }
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
