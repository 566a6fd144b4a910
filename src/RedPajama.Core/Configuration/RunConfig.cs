namespace RedPajama.Configuration;

/// <summary>
/// The YAML run configuration (<c>--config</c>). Keys are snake_case; command-line options override them.
/// <code>
/// threads: 2
/// memory_mb: 2048
/// shard_mb: 256
/// format: parquet        # parquet | jsonl | jsonl.zst
/// keep_all: false
/// temp_dir: /scratch/rp
/// spill_zstd_level: 0    # 0 = uncompressed spill files
/// lid:
///   enabled: false
/// quality:
///   signals: true
///   preset: gopher
/// books:
///   require_gutenberg_markers: true
///   exact_dedup: true
///   max_book_mb: 256
/// dedup:
///   near_threshold: 0.8
/// perplexity:
///   enabled: false
/// </code>
/// </summary>
public sealed class RunConfig
{
    /// <summary>Worker threads; null for the number of cores.</summary>
    public int? Threads { get; set; }

    /// <summary>Memory budget of the local engine in MiB.</summary>
    public long MemoryMb { get; set; } = 2048;

    /// <summary>Input MiB per output part file.</summary>
    public long ShardMb { get; set; } = 256;

    /// <summary><c>parquet</c>, <c>jsonl</c> or <c>jsonl.zst</c>.</summary>
    public string Format { get; set; } = "parquet";

    /// <summary>Write dropped documents too, with their <c>drop_reason</c>.</summary>
    public bool KeepAll { get; set; }

    /// <summary>Directory for spill files; null for <c>_temporary</c> in the output directory.</summary>
    public string? TempDir { get; set; }

    /// <summary>zstd level of the local engine's spill files; 0 spills uncompressed.</summary>
    public int SpillZstdLevel { get; set; }

    /// <summary>Settings of the books source.</summary>
    public BooksConfig Books { get; set; } = new();

    /// <summary>Settings of the generic documents source (<c>documents:</c>).</summary>
    public DocumentsConfig Documents { get; set; } = new();

    /// <summary>Language identification (<c>lid:</c>).</summary>
    public LanguageIdConfig Lid { get; set; } = new();

    /// <summary>Quality signals and filter rules (<c>quality:</c>).</summary>
    public QualityConfig Quality { get; set; } = new();

    /// <summary>Near-duplicate removal across all inputs (<c>dedup:</c>).</summary>
    public DedupConfig Dedup { get; set; } = new();

    /// <summary>The <c>line_dedup:</c> section: CCNet's paragraph dedup.</summary>
    public LineDedupConfig LineDedup { get; set; } = new();

    /// <summary>Token counting and token ids (<c>tokenizer:</c>).</summary>
    public TokenizerConfig Tokenizer { get; set; } = new();

    /// <summary>CCNet's perplexity and perplexity bucket (<c>perplexity:</c>).</summary>
    public PerplexityConfig Perplexity { get; set; } = new();

    /// <summary>Checks every setting's range, so a bad value is refused when the file is read, naming its key.</summary>
    /// <param name="origin">The file name, for the message.</param>
    /// <exception cref="FormatException">A setting is out of range: <c>config.yaml: threads must be at least 1 (got -3)</c>.</exception>
    public void Validate(string origin = "config")
    {
        var problems = new List<string?>
        {
            Threads is { } threads ? NumberRange.AtLeast(1).Check("threads", threads) : null,
            NumberRange.AtLeast(1).Check("memory_mb", MemoryMb),
            NumberRange.AtLeast(1).Check("shard_mb", ShardMb),
            SpillZstdLevelRange.Check("spill_zstd_level", SpillZstdLevel),
            NumberRange.AtLeast(1).Check("books.max_book_mb", Books.MaxBookMb),
            NumberRange.Between(0, 1).Check("lid.min_score", Lid.MinScore),
        };
        problems.AddRange(Dedup.Problems());
        problems.AddRange(LineDedup.Problems());
        problems.AddRange(Perplexity.Problems());
        if (problems.FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new FormatException($"{origin}: {problem}");
        }
    }

    /// <summary>zstd's levels, with 0 for uncompressed spill files.</summary>
    public static NumberRange SpillZstdLevelRange { get; } = NumberRange.Between(0, 22);
}
