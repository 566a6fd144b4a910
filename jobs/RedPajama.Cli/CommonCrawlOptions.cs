using RedPajama.Configuration;
using RedPajama.Sources.CommonCrawl;

namespace RedPajama.Cli;

/// <summary>The <c>redpajama run</c> options that override the <c>commoncrawl:</c> section.</summary>
internal static class CommonCrawlOptions
{
    /// <summary>Writes <c>--languages</c>, <c>--lm-dir</c>, <c>--metadata</c> and <c>--classifier</c> into the configuration.</summary>
    /// <exception cref="ArgumentException">One of them is given for another source, or <c>--languages</c> is empty.</exception>
    public static void ApplyTo(RunConfig config, RunCommandOptions options)
    {
        if (options.Languages is null && options.LmDir is null && options.Metadata is null && options.Classifier is null)
        {
            return;
        }

        if (options.Source != CommonCrawlSource.SourceName)
        {
            throw new ArgumentException($"--languages, --lm-dir, --metadata and --classifier go with the {CommonCrawlSource.SourceName} source");
        }

        CommonCrawlConfig section = config.Section<CommonCrawlConfig>();
        if (options.Languages is { } languages)
        {
            List<string> list = [.. languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            section.Languages = list.Count > 0 ? list : throw new ArgumentException("--languages needs language codes such as en,de, or all");
        }

        section.LmDir = options.LmDir ?? section.LmDir;
        section.Metadata = options.Metadata ?? section.Metadata;
        section.Classifier = options.Classifier ?? section.Classifier;
        if (new CommonCrawlSource().SectionProblems(config).OfType<string>().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }
}
