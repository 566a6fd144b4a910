using RedPajama.Configuration;
using RedPajama.Sources.Wikipedia;

namespace RedPajama.Cli;

/// <summary>The <c>redpajama run</c> options that override the <c>wikipedia:</c> section.</summary>
internal static class WikipediaOptions
{
    /// <summary>Writes <c>--dump-date</c> into the configuration.</summary>
    /// <exception cref="ArgumentException">It is given for another source, or is not a date.</exception>
    public static void ApplyTo(RunConfig config, RunCommandOptions options)
    {
        if (options.DumpDate is null)
        {
            return;
        }

        if (options.Source != WikipediaSource.SourceName)
        {
            throw new ArgumentException($"--dump-date goes with the {WikipediaSource.SourceName} source");
        }

        config.Section<WikipediaConfig>().DumpDate = options.DumpDate;
        if (new WikipediaSource().SectionProblems(config).OfType<string>().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem.Replace($"{WikipediaSource.SourceName}.dump_date", "--dump-date", StringComparison.Ordinal));
        }
    }
}
