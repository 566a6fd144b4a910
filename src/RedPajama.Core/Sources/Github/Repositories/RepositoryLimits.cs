namespace RedPajama.Sources.Github.Repositories;

/// <summary>
/// What one repository input may cost. Files are read into memory one at a time and never extracted to disk; these
/// bounds keep a hostile archive (a zip bomb, a 100 MB blob) from exhausting memory or time.
/// </summary>
/// <param name="MaxFileBytes">Largest file read; a larger one is skipped as <see cref="RepositorySkipReasons.TooLarge"/>.
/// 1 MiB by default: BigQuery's <c>github_repos.contents</c> holds no content for larger files, so RedPajama's
/// query (<c>content IS NOT NULL</c>) never saw them.</param>
/// <param name="MaxExpandedBytes">Most bytes an archive may expand to; past it the input fails as a likely bomb.</param>
/// <param name="MaxCompressionRatio">Highest expanded-to-stored ratio of an archive once it has expanded past
/// <see cref="RatioCheckedAfterBytes"/> (source code compresses about 4–10 to 1; a bomb 1000 to 1).</param>
/// <param name="RatioCheckedAfterBytes">Expanded bytes after which the ratio is enforced, so that a small, very
/// compressible repository is not mistaken for a bomb.</param>
public sealed record RepositoryLimits(long MaxFileBytes, long MaxExpandedBytes, double MaxCompressionRatio, long RatioCheckedAfterBytes)
{
    /// <summary>1 MiB files, 4 GiB expanded, ratio 100 past 64 MiB.</summary>
    public static RepositoryLimits Default { get; } = new(1L << 20, 4L << 30, 100, 64L << 20);
}
