namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// The <c>commoncrawl:</c> section of the run configuration: CCNet's <c>mine</c> settings as RedPajama ran them
/// (<c>python -m cc_net --dump … --num_shards 5000 -l en --hash_in_mem 1</c>, every other <c>mine.py</c> <c>Config</c>
/// default) and RedPajama's post-processing.
/// <code>
/// commoncrawl:
///   min_length: 300
///   paragraph_dedup: true
///   languages: [en]          # or [all]
///   lid_model: null          # null: the bundled lid.176.ftz
///   lid_threshold: 0.5
///   lm_dir: null             # {lang}.sp.model + {lang}.arpa.bin; null: no perplexity, bucket "all"
///   cutoffs: null            # null: the bundled cc_net cutoff.csv
///   keep_buckets: [head, middle, all]
///   digest_dedup: true
///   metadata: released       # released | ccnet
///   signals: false           # also the quality: signals and token_count (RedPajama-V2 style)
///   classifier: null         # RedPajama's Wikipedia-reference fastText model.bin; null: not run
///   min_wiki_prob: 0.25
///   url_root: https://data.commoncrawl.org/   # what wet.paths entries are relative to, or a mirror directory
///   download_attempts: 5
///   download_backoff_ms: 1000
///   download_timeout_seconds: 60
/// </code>
/// </summary>
public sealed class CommonCrawlConfig
{
    /// <summary>The <see cref="Languages"/> value that keeps every language.</summary>
    public const string AllLanguages = "all";

    /// <summary>
    /// Documents whose text has fewer code points than this are dropped as <c>too_short</c> (cc_net <c>mine.py</c>
    /// <c>Config.min_len</c>, 300 in RedPajama's run).
    /// </summary>
    public long MinLength { get; set; } = 300;

    /// <summary>Whether cc_net's paragraph dedup runs (<c>dedup</c> in <c>DEFAULT_PIPELINE</c>), each run one shard group.</summary>
    public bool ParagraphDedup { get; set; } = true;

    /// <summary>
    /// The inputs whose documents are written, as input indices <c>[start, end)</c>; null writes all. Set by the engine for
    /// <c>--hash-in-mem</c> &gt; 1, when a run reads its shard's whole group for paragraph dedup (cc_net's
    /// <c>hash_in_mem</c>) and writes its own shard only; the others' documents are dropped as <c>other_shard</c>.
    /// </summary>
    public List<int>? WrittenInputs { get; set; }

    /// <summary>Languages kept after language ID (cc_net's <c>lang_whitelist</c>, <c>-l en</c>); <c>all</c> keeps every one.</summary>
    public List<string> Languages { get; set; } = ["en"];

    /// <summary>The fastText language-ID model; null for the bundled <c>lid.176.ftz</c>.</summary>
    public string? LidModel { get; set; }

    /// <summary>Documents whose rounded language score is below this are dropped (cc_net's <c>lang_threshold</c>).</summary>
    public double LidThreshold { get; set; } = 0.5;

    /// <summary>
    /// CCNet's model folder (<c>lm_dir</c>): <c>{lang}.sp.model</c> and <c>{lang}.arpa.bin</c> (KenLM binary) or
    /// <c>{lang}.arpa</c>. Null: no perplexity, every document in bucket <c>all</c>.
    /// </summary>
    public string? LmDir { get; set; }

    /// <summary>The perplexity cutoff CSV; null for the bundled copy of cc_net's <c>cutoff.csv</c>.</summary>
    public string? Cutoffs { get; set; }

    /// <summary>
    /// Buckets kept after scoring: RedPajama's dedup read only the <c>head</c> and <c>middle</c> files, so <c>tail</c> is
    /// discarded; <c>all</c> is the bucket of documents without a model.
    /// </summary>
    public List<string> KeepBuckets { get; set; } = ["head", "middle", "all"];

    /// <summary>Whether RedPajama's document dedup by WARC digest runs (first URL wins).</summary>
    public bool DigestDedup { get; set; } = true;

    /// <summary>
    /// The written record: <c>released</c> (RedPajama's published CommonCrawl record) or <c>ccnet</c> (every cc_net field,
    /// as RedPajama's <c>cc_metadata</c> branch writes them).
    /// </summary>
    public string Metadata { get; set; } = "released";

    /// <summary>
    /// Whether the <c>quality:</c> signals and the <c>tokenizer:</c> token count are computed and written too (RedPajama-V2
    /// style); off by default, as RedPajama-1T's record has neither.
    /// </summary>
    public bool Signals { get; set; }

    /// <summary>
    /// A fastText supervised model (<c>.bin</c> or <c>.ftz</c>) with labels <c>__label__wiki</c> and <c>__label__cc</c>:
    /// RedPajama's published <c>model.bin</c> or one <c>redpajama cc-classifier train</c> wrote. Null: no classifier
    /// step and no <c>pred_label</c>, <c>pred_label_prob</c>, <c>wiki_prob</c> fields.
    /// </summary>
    public string? Classifier { get; set; }

    /// <summary>With a classifier, documents whose <c>wiki_prob</c> is below this are dropped (<c>cc_classifier.sh</c>: 0.25).</summary>
    public double MinWikiProb { get; set; } = WikiReferenceClassifierStep.DefaultMinWikiProb;

    /// <summary>Whether <see cref="Languages"/> keeps every language.</summary>
    /// <returns>True for an empty list or one holding <c>all</c>.</returns>
    public bool KeepsAllLanguages() => Languages.Count == 0 || Languages.Contains(AllLanguages);

    /// <summary>
    /// What the relative entries of a <c>wet.paths</c> listing are relative to: CommonCrawl's HTTPS server (cc_net's
    /// <c>WET_URL_ROOT</c> in RedPajama's fork) by default, or a local directory holding a mirrored dump.
    /// </summary>
    public string UrlRoot { get; set; } = Reading.ListingRoot.CommonCrawl;

    /// <summary>Failed attempts in a row (without a byte of progress) before a WET file being downloaded is an input error.</summary>
    public int DownloadAttempts { get; set; } = Reading.HttpDownloadOptions.Default.Attempts;

    /// <summary>Milliseconds before the first retry of a download; the wait doubles with each failure, up to a minute.</summary>
    public int DownloadBackoffMs { get; set; } = (int)Reading.HttpDownloadOptions.Default.Backoff.TotalMilliseconds;

    /// <summary>Seconds a connection may stay silent before the attempt counts as failed.</summary>
    public int DownloadTimeoutSeconds { get; set; } = (int)Reading.HttpDownloadOptions.Default.Timeout.TotalSeconds;
}
