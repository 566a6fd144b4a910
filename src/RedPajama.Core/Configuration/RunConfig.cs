using RedPajama.Sources;
using YamlDotNet.Serialization;

namespace RedPajama.Configuration;

/// <summary>
/// The YAML run configuration (<c>--config</c>). Keys are snake_case; command-line options override them. Each
/// source adds its own section (<see cref="SourceSections"/>), here <c>books:</c>.
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
/// output:
///   partition_by: [language, bucket]
/// </code>
/// </summary>
public sealed class RunConfig
{
    private readonly Dictionary<string, object> _sourceSections = SourceRegistry.All.ToDictionary(s => s.SectionName, s => s.CreateSection(), StringComparer.Ordinal);

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

    /// <summary>The output's layout: Hive partitioning (<c>output:</c>).</summary>
    public OutputConfig Output { get; set; } = new();

    /// <summary>
    /// The sections of the sources (<c>books:</c>, <c>documents:</c>, …) by key, one for every source
    /// <see cref="SourceRegistry"/> finds, with defaults for those the YAML leaves out.
    /// </summary>
    [YamlIgnore] // written and read as top-level keys by SourceSectionsTypeInspector
    public IReadOnlyDictionary<string, object> SourceSections => _sourceSections;

    /// <summary>The section of the source whose section type is <typeparamref name="T"/>: <c>config.Section&lt;BooksConfig&gt;()</c>.</summary>
    /// <typeparam name="T">A source's <see cref="PipelineSource.SectionType"/>.</typeparam>
    /// <returns>The section, changed in place by whoever edits it.</returns>
    /// <exception cref="InvalidOperationException">No source has a section of that type.</exception>
    public T Section<T>()
        where T : class =>
        _sourceSections.Values.OfType<T>().FirstOrDefault() ?? throw new InvalidOperationException($"no source has a configuration section of type {typeof(T).Name}");

    /// <summary>Replaces a source's section (the YAML reader sets each section it reads).</summary>
    /// <param name="name">A source's <see cref="PipelineSource.SectionName"/>.</param>
    /// <param name="section">An instance of its section type.</param>
    internal void SetSourceSection(string name, object section) => _sourceSections[name] = section;

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
        };
        problems.AddRange(SourceRegistry.All.SelectMany(s => s.SectionProblems(this)));
        problems.Add(NumberRange.Between(0, 1).Check("lid.min_score", Lid.MinScore));
        problems.AddRange(Dedup.Problems());
        problems.AddRange(LineDedup.Problems());
        problems.AddRange(Perplexity.Problems());
        problems.AddRange(Output.Problems());
        if (problems.FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new FormatException($"{origin}: {problem}");
        }
    }

    /// <summary>zstd's levels, with 0 for uncompressed spill files.</summary>
    public static NumberRange SpillZstdLevelRange { get; } = NumberRange.Between(0, 22);
}
