using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources.Documents;
using RedPajama.Steps;
using RedPajama.Tokenization;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Sources.Github;

/// <summary>
/// RedPajama-1T's GitHub subset (§4) over BigQuery <c>github_repos</c> rows (JSON lines or Parquet; the text is the
/// <c>content</c> column): the licence whitelist the query applied, the <c>.crt</c> and root <c>LICENSE</c> skips, the
/// raw-content MD5, <c>clean_copyright_comments</c> and the file statistics, file-level dedup on that MD5 (first in
/// input order, a shuffle on the hash), then <c>discard_record</c>'s rules. The record is §4.5's:
/// <c>{"text", "meta": {content_hash, timestamp, source, line_count, max_line_length, avg_line_length, alnum_prop,
/// …every input column but content}}</c>. Its section is <c>github:</c> (<see cref="GithubConfig"/>).
/// </summary>
public sealed class GithubSource : PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string SourceName = "github";

    /// <summary>The column holding a file's content.</summary>
    public const string ContentKey = "content";


    /// <inheritdoc />
    public override string Name => SourceName;

    /// <inheritdoc />
    public override Type SectionType => typeof(GithubConfig);

    /// <inheritdoc />
    public override bool Accepts(string path) => DocumentsReader.Accepts(path);

    /// <inheritdoc />
    public override bool AddsSignalsAndTokenCount(RunConfig config) => false;

    /// <inheritdoc />
    public override IEnumerable<string?> SectionProblems(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        GithubConfig section = config.Section<GithubConfig>();
        yield return section.LicensePrefixes.Count > 0 ? null : $"{SectionName}.license_prefixes must name at least one licence prefix";
        yield return section.Tokenizer is { Length: > 0 } tokenizer && !File.Exists(tokenizer) ? $"{SectionName}.tokenizer: no file '{tokenizer}'" : null;
    }

    /// <inheritdoc />
    public override IEnumerable<ShippedFile> ShippedFiles(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        GithubConfig section = config.Section<GithubConfig>();
        if (section.AlphaPerToken)
        {
            yield return new ShippedFile(NeoxTokenizers.PathOf(section.Tokenizer), static (c, path) => c.Section<GithubConfig>().Tokenizer = path);
        }
    }

    /// <summary>Takes the row's columns from the first input when <c>github.meta</c> is empty.</summary>
    /// <param name="config">The run configuration, completed in place.</param>
    /// <param name="firstInput">The first input file.</param>
    public override void InferFromFirstInput(RunConfig config, string firstInput)
    {
        ArgumentNullException.ThrowIfNull(config);
        GithubConfig section = config.Section<GithubConfig>();
        if (section.Meta.Count == 0)
        {
            section.Meta = [.. DocumentsMetaInference.Infer(firstInput, ContentKey, MetaType.Json)];
        }
    }

    /// <inheritdoc />
    public override PipelineDescription Describe(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        GithubConfig section = config.Section<GithubConfig>();

        // Upstream's leading fields, then the row's columns in their order (a column of the same name is the row's).
        MetaSchema columns = DocumentsMetaInference.Parse(section.Meta);
        // Rows without a path or licence column get them empty: every such row is then dropped as no_license.
        MetaField[] missing = [.. new[] { GithubMeta.Path, GithubMeta.License }.Where(n => columns.IndexOf(n) < 0).Select(n => new MetaField(n, MetaType.Text))];
        var meta = new MetaSchema([.. GithubMeta.Leading.Where(f => columns.IndexOf(f.Name) < 0), .. columns.Fields, .. missing]);

        Func<string, int>? countTokens = null;
        if (section.AlphaPerToken)
        {
            ByteLevelBpeTokenizer tokenizer = NeoxTokenizers.Get(NeoxTokenizers.PathOf(section.Tokenizer));
            countTokens = text => tokenizer.CountTokens(text);
        }

        IPipelineStep[] steps =
        [
            new GithubLicenseStep(meta, section.LicensePrefixes),
            new GithubSkipStep(meta),
            new GithubCleanStep(meta),
            new ExactDedupStep(meta, GithubMeta.ContentHash),
            new GithubFilterStep(meta, countTokens),
        ];
        return new PipelineDescription(SourceName, meta, new DocumentsReader(ReadLimits.Default, textKey: ContentKey), steps, JsonLayout.TextThenMeta);
    }
}
