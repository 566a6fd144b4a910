namespace RedPajama.Sources.Github;

/// <summary>
/// The <c>github:</c> section: RedPajama-1T's GitHub recipe over repositories (<c>owner__name</c> folders and
/// archives) or rows as BigQuery's <c>github_repos</c> export and the HuggingFace code datasets ship them.
/// <code>
/// github:
///   meta: []                           # name:type of the row's columns (content aside); empty: from the first input
///   text_column: null                  # the rows' content column; null: content, else code (codeparrot)
///   path_column: null                  # null: path, else max_stars_repo_path (the Stack)
///   license_column: null               # null: license, else max_stars_repo_licenses (the Stack)
///   license_prefixes: [mit, bsd, apache]
///   detect_license: null               # licence from the repository's files; null: for repository inputs
///   licenses: null                     # folder of licence texts to match; null: the bundled models/licenses
///   alpha_per_token: true              # the letters-per-GPT-NeoX-token rule
///   tokenizer: null                    # a HuggingFace tokenizer.json; null: the bundled GPT-NeoX-20B one
///   max_file_bytes: 1048576            # larger repository files are skipped (BigQuery has no content for them)
///   max_archive_bytes: 4294967296      # an archive expanding past this fails (zip bomb guard)
///   max_compression_ratio: 100         # …as does one expanding past this ratio (checked beyond 64 MiB)
/// </code>
/// </summary>
public sealed class GithubConfig
{
    /// <summary>The row's columns as <c>name:type</c> (text, integer, float, boolean, json); empty to infer them from the first input.</summary>
    public List<string> Meta { get; set; } = [];

    /// <summary>The rows' content column; null to take <c>content</c>, or <c>code</c> when the first input has no <c>content</c>.</summary>
    public string? TextColumn { get; set; }

    /// <summary>The column of a file's path in its repository; null for <c>path</c>, or the Stack's <c>max_stars_repo_path</c>.</summary>
    public string? PathColumn { get; set; }

    /// <summary>The column of the licence key (or a JSON list of SPDX ids); null for <c>license</c>, or the Stack's <c>max_stars_repo_licenses</c>.</summary>
    public string? LicenseColumn { get; set; }

    /// <summary>Licence keys kept, by prefix (BigQuery <c>LIKE 'mit%'</c>, case-sensitive).</summary>
    public List<string> LicensePrefixes { get; set; } = ["mit", "bsd", "apache"];

    /// <summary>Whether a repository's licence is detected from its licence files; null: when the inputs are repositories.</summary>
    public bool? DetectLicense { get; set; }

    /// <summary>The folder of licence texts detection matches against; null for the bundled <c>models/licenses</c>.</summary>
    public string? Licenses { get; set; }

    /// <summary>Whether files with fewer than 1.5 letters per GPT-NeoX token are dropped.</summary>
    public bool AlphaPerToken { get; set; } = true;

    /// <summary>The tokenizer of that rule (HuggingFace <c>tokenizer.json</c>); null for the bundled GPT-NeoX-20B.</summary>
    public string? Tokenizer { get; set; }

    /// <summary>Largest repository file read (1 MiB, as BigQuery's contents table holds content for).</summary>
    public long MaxFileBytes { get; set; } = Repositories.RepositoryLimits.Default.MaxFileBytes;

    /// <summary>Most bytes one archive may expand to.</summary>
    public long MaxArchiveBytes { get; set; } = Repositories.RepositoryLimits.Default.MaxExpandedBytes;

    /// <summary>Highest expanded-to-stored ratio of an archive (past 64 MiB expanded).</summary>
    public double MaxCompressionRatio { get; set; } = Repositories.RepositoryLimits.Default.MaxCompressionRatio;
}
