using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources.Documents;
using RedPajama.Sources.Github.Repositories;
using RedPajama.Steps;
using RedPajama.Tokenization;
using RedPajama.Udfs.Code.Licenses;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.Sources.Github;

/// <summary>
/// RedPajama-1T's GitHub subset (§4) over repositories — <c>owner__name</c> folders and <c>.tar.gz</c>/<c>.tgz</c>/<c>.tar</c>/<c>.zip</c>
/// archives, read in memory (<see cref="RepositoryReader"/>), their licence detected from their licence files as
/// GitHub does (<see cref="GithubRepositoryLicenseStep"/>, a group per repository) — or over rows as BigQuery's
/// <c>github_repos</c> export (the text is the <c>content</c> column) and the HuggingFace code datasets ship them
/// (codeparrot's <c>code</c>; the Stack's <c>max_stars_repo_path</c> and licence list). Then the licence whitelist
/// the query applied, the <c>.crt</c> and root <c>LICENSE</c> skips, the raw-content MD5, <c>clean_copyright_comments</c>
/// and the file statistics, file-level dedup on that MD5 (first in input order, a shuffle on the hash), then
/// <c>discard_record</c>'s rules. The record is §4.5's: <c>{"text", "meta": {content_hash, timestamp, source,
/// line_count, max_line_length, avg_line_length, alnum_prop, …every input column but content}}</c>. Its section is
/// <c>github:</c> (<see cref="GithubConfig"/>).
/// </summary>
public sealed class GithubSource : PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string SourceName = "github";

    /// <summary>The column holding a file's content (BigQuery, the Stack).</summary>
    public const string ContentKey = "content";

    /// <summary>The column holding a file's content in codeparrot's datasets.</summary>
    public const string CodeKey = "code";

    private const string StackPath = "max_stars_repo_path";
    private const string StackLicenses = "max_stars_repo_licenses";

    /// <inheritdoc />
    public override string Name => SourceName;

    /// <inheritdoc />
    public override Type SectionType => typeof(GithubConfig);

    /// <inheritdoc />
    public override bool Accepts(string path) => DocumentsReader.Accepts(path) || RepositoryPaths.IsArchive(path);

    /// <summary>An <c>owner__name</c> folder is one repository input.</summary>
    /// <param name="path">A directory's full path.</param>
    /// <returns>True for a repository folder.</returns>
    public override bool AcceptsDirectory(string path) => RepositoryPaths.IsRepositoryFolderName(path);

    /// <inheritdoc />
    public override bool AddsSignalsAndTokenCount(RunConfig config) => false;

    /// <inheritdoc />
    public override IEnumerable<string?> SectionProblems(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        GithubConfig section = config.Section<GithubConfig>();
        yield return section.LicensePrefixes.Count > 0 ? null : $"{SectionName}.license_prefixes must name at least one licence prefix";
        yield return section.Tokenizer is { Length: > 0 } tokenizer && !File.Exists(tokenizer) ? $"{SectionName}.tokenizer: no file '{tokenizer}'" : null;
        yield return section.Licenses is { Length: > 0 } licenses && !Directory.Exists(licenses) ? $"{SectionName}.licenses: no folder '{licenses}'" : null;
        yield return section.MaxFileBytes > 0 ? null : $"{SectionName}.max_file_bytes must be positive";
        yield return section.MaxArchiveBytes > 0 ? null : $"{SectionName}.max_archive_bytes must be positive";
        yield return section.MaxCompressionRatio >= 1 ? null : $"{SectionName}.max_compression_ratio must be at least 1";
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

        if (section.DetectLicense == true)
        {
            yield return new ShippedFile(LicensesPath(section), static (c, path) => c.Section<GithubConfig>().Licenses = path);
        }
    }

    /// <summary>
    /// Completes the section from the first input: a repository gives the repository columns and licence detection;
    /// rows give their columns (when <c>github.meta</c> is empty) and which of them hold the content, path and licence.
    /// </summary>
    /// <param name="config">The run configuration, completed in place.</param>
    /// <param name="firstInput">The first input file or folder.</param>
    public override void InferFromFirstInput(RunConfig config, string firstInput)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(firstInput);
        GithubConfig section = config.Section<GithubConfig>();
        if (GithubInputReader.IsRepository(firstInput))
        {
            section.DetectLicense ??= true;
            if (section.Meta.Count == 0)
            {
                section.Meta = [.. RepositoryColumns.All.Select(DocumentsMetaInference.Entry)];
            }

            return;
        }

        // Every column, the content one included, to tell the dataset's layout.
        IReadOnlyList<string> columns = DocumentsMetaInference.Infer(firstInput, "\0", MetaType.Json);
        bool Has(string name) => columns.Any(c => c.StartsWith(name + ":", StringComparison.Ordinal));
        section.TextColumn ??= !Has(ContentKey) && Has(CodeKey) ? CodeKey : ContentKey;
        section.PathColumn ??= !Has(GithubMeta.Path) && Has(StackPath) ? StackPath : GithubMeta.Path;
        section.LicenseColumn ??= !Has(GithubMeta.License) && Has(StackLicenses) ? StackLicenses : GithubMeta.License;
        if (section.Meta.Count == 0)
        {
            string text = section.TextColumn + ":";
            section.Meta = [.. columns.Where(c => !c.StartsWith(text, StringComparison.Ordinal))];
        }
    }

    /// <inheritdoc />
    public override PipelineDescription Describe(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        GithubConfig section = config.Section<GithubConfig>();
        string pathField = section.PathColumn ?? GithubMeta.Path;
        string licenseField = section.LicenseColumn ?? GithubMeta.License;
        bool detect = section.DetectLicense == true;

        // Upstream's leading fields, then the row's columns in their order (a column of the same name is the row's).
        // Rows without a path or licence column get them empty: every such row is then dropped as no_license; licence
        // detection also needs the repository and writes its confidence.
        // Repositories the driver could not look at (archives on a remote filesystem, detect_license set) get their columns.
        MetaSchema columns = DocumentsMetaInference.Parse(detect && section.Meta.Count == 0 ? RepositoryColumns.All.Select(DocumentsMetaInference.Entry) : section.Meta);
        IEnumerable<MetaField> needed = detect
            ? RepositoryColumns.All.Where(f => f.Name is RepositoryColumns.RepoName or GithubMeta.Path or GithubMeta.License or RepositoryColumns.LicenseConfidence)
            : [new MetaField(pathField, MetaType.Text), new MetaField(licenseField, MetaType.Text)];
        MetaField[] missing = [.. needed.Where(f => columns.IndexOf(f.Name) < 0)];
        var meta = new MetaSchema([.. GithubMeta.Leading.Where(f => columns.IndexOf(f.Name) < 0), .. columns.Fields, .. missing]);

        Func<string, int>? countTokens = null;
        if (section.AlphaPerToken)
        {
            ByteLevelBpeTokenizer tokenizer = NeoxTokenizers.Get(NeoxTokenizers.PathOf(section.Tokenizer));
            countTokens = text => tokenizer.CountTokens(text);
        }

        var steps = new List<IPipelineStep>();
        if (detect)
        {
            steps.Add(new GithubRepositoryLicenseStep(meta, LicenseDetector.Get(LicensesPath(section))));
        }

        steps.AddRange(
        [
            new GithubLicenseStep(meta, section.LicensePrefixes, licenseField),
            new GithubSkipStep(meta, pathField),
            new GithubCleanStep(meta),
            new ExactDedupStep(meta, GithubMeta.ContentHash),
            new GithubFilterStep(meta, countTokens, pathField),
        ]);
        var limits = new RepositoryLimits(section.MaxFileBytes, section.MaxArchiveBytes, section.MaxCompressionRatio, RepositoryLimits.Default.RatioCheckedAfterBytes);
        return new PipelineDescription(SourceName, meta, new GithubInputReader(limits, section.TextColumn ?? ContentKey), steps, JsonLayout.TextThenMeta);
    }

    private static string LicensesPath(GithubConfig section) => section.Licenses is { Length: > 0 } licenses ? licenses : BundledModels.LicensesDirectory;
}
