using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.LanguageId;
using RedPajama.LanguageModel;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Steps;

namespace RedPajama.Sources.CommonCrawl;

/// <summary>
/// The CommonCrawl pipeline as RedPajama ran it: cc_net's <c>mine</c> per shard (WET parsed as cc_net parses it, minimum
/// length, paragraph dedup, fastText language ID and the language filter, SentencePiece + n-gram perplexity and its
/// bucket), then RedPajama's post-processing (the tail bucket discarded, document dedup by WARC digest, and with <c>commoncrawl.classifier</c> the Wikipedia-reference
/// classifier, <see cref="WikiReferenceClassifierStep"/>). Its section is
/// <c>commoncrawl:</c> (<see cref="CommonCrawlConfig"/>); the global <c>line_dedup:</c>, <c>lid:</c> and
/// <c>perplexity:</c> sections are part of this recipe and stay off.
/// </summary>
public sealed class CommonCrawlSource : PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string SourceName = "commoncrawl";

    /// <summary>The <see cref="CommonCrawlConfig.Metadata"/> value of RedPajama's released record.</summary>
    public const string ReleasedRecord = "released";

    /// <summary>The <see cref="CommonCrawlConfig.Metadata"/> value of the full cc_net record.</summary>
    public const string CcnetRecord = "ccnet";

    /// <inheritdoc />
    public override string Name => SourceName;

    /// <inheritdoc />
    public override Type SectionType => typeof(CommonCrawlConfig);

    /// <inheritdoc />
    public override IEnumerable<string?> SectionProblems(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CommonCrawlConfig section = config.Section<CommonCrawlConfig>();
        yield return NumberRange.AtLeast(0).Check($"{SectionName}.min_length", section.MinLength);
        yield return new NumberRange(0, 1).Check($"{SectionName}.lid_threshold", section.LidThreshold);
        yield return new NumberRange(0, 1).Check($"{SectionName}.min_wiki_prob", section.MinWikiProb);
        yield return section.Metadata is ReleasedRecord or CcnetRecord ? null : $"{SectionName}.metadata must be {ReleasedRecord} or {CcnetRecord} (got '{section.Metadata}')";
        yield return section.Languages.All(l => l == CommonCrawlConfig.AllLanguages || PerplexityConfig.IsLanguageCode(l))
            ? null
            : $"{SectionName}.languages must be language codes such as en, or all (got {string.Join(", ", section.Languages)})";
        yield return section.LmDir is { } lmDir && !Directory.Exists(lmDir) ? $"{SectionName}.lm_dir: no folder '{lmDir}'" : null;
        yield return section.WrittenInputs is null or [>= 0, >= 0] ? null : $"{SectionName}.written_inputs must be [start, end] input indices";
        yield return NumberRange.AtLeast(1).Check($"{SectionName}.download_attempts", section.DownloadAttempts);
        yield return NumberRange.AtLeast(0).Check($"{SectionName}.download_backoff_ms", section.DownloadBackoffMs);
        yield return NumberRange.AtLeast(1).Check($"{SectionName}.download_timeout_seconds", section.DownloadTimeoutSeconds);
        yield return UrlRootProblem(section.UrlRoot);
    }

    /// <inheritdoc />
    public override IEnumerable<string> Warnings(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CommonCrawlConfig section = config.Section<CommonCrawlConfig>();
        if (section.LmDir is null)
        {
            yield return $"{SectionName}: no lm_dir, so no perplexity: every document goes to bucket 'all'";
            yield break;
        }

        if (section.KeepsAllLanguages())
        {
            yield break;
        }

        foreach (string language in section.Languages.Where(l => PerplexityModels.Find(section.LmDir, l) is null))
        {
            yield return $"{SectionName}: no {language}{PerplexityModels.SentencePieceSuffix} with {language}{PerplexityModels.BinarySuffix} or {language}{PerplexityModels.ArpaSuffix} in {section.LmDir}: {language} documents go to bucket 'all'";
        }
    }

    /// <inheritdoc />
    public override IEnumerable<ShippedFile> ShippedFiles(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CommonCrawlConfig section = config.Section<CommonCrawlConfig>();
        yield return new ShippedFile(LanguageIdModels.ModelPath(section.LidModel), static (c, path) => c.Section<CommonCrawlConfig>().LidModel = path);
        if (section.LmDir is { Length: > 0 } lmDir)
        {
            yield return new ShippedFile(lmDir, static (c, path) => c.Section<CommonCrawlConfig>().LmDir = path);
        }

        if (section.Cutoffs is { Length: > 0 } cutoffs)
        {
            yield return new ShippedFile(cutoffs, static (c, path) => c.Section<CommonCrawlConfig>().Cutoffs = path);
        }

        if (section.Classifier is { Length: > 0 } classifier)
        {
            yield return new ShippedFile(classifier, static (c, path) => c.Section<CommonCrawlConfig>().Classifier = path);
        }
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
    /// <exception cref="ArgumentException">The global <c>line_dedup</c>, <c>lid</c> or <c>perplexity</c> section is enabled.</exception>
    public override PipelineDescription Describe(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CommonCrawlConfig section = config.Section<CommonCrawlConfig>();
        foreach ((bool enabled, string name) in new[] { (config.LineDedup.Enabled, "line_dedup"), (config.Lid.Enabled, "lid"), (config.Perplexity.Enabled, "perplexity") })
        {
            if (enabled)
            {
                throw new ArgumentException($"{name}.enabled: the {SourceName} source runs cc_net's {name} itself; set it in the {SectionName} section instead");
            }
        }

        var fields = new List<MetaField>(CommonCrawlMeta.Schema.Fields);
        if (section.ParagraphDedup)
        {
            fields.Add(new MetaField(CommonCrawlMeta.OriginalNlines, MetaType.Integer));
            fields.Add(new MetaField(CommonCrawlMeta.OriginalLength, MetaType.Integer));
            fields.Add(new MetaField(CommonCrawlMeta.LineIds, MetaType.IntegerList));
        }

        fields.Add(new MetaField(LanguageIdStep.LanguageField, MetaType.Text));
        fields.Add(new MetaField(LanguageIdStep.LanguageField + "_score", MetaType.Float));
        fields.Add(new MetaField(PerplexityStep.PerplexityField, MetaType.Float));
        fields.Add(new MetaField(PerplexityStep.BucketField, MetaType.Text));
        if (section.DigestDedup)
        {
            fields.Add(new MetaField(DigestFirstStep.DigestWinnerField, MetaType.Boolean));
        }

        bool classifies = !string.IsNullOrEmpty(section.Classifier);
        if (classifies)
        {
            // classify.py's keys: pred_label, pred_label_prob, wiki_prob, then text and source.
            fields.AddRange(WikiReferenceClassifierStep.Fields);
        }

        fields.Add(new MetaField(SourceFieldStep.SourceField, MetaType.Text));
        var meta = new MetaSchema([.. fields]);

        var steps = new List<IPipelineStep> { new MinLengthStep(section.MinLength), new SourceFieldStep(meta) };
        if (section.ParagraphDedup)
        {
            steps.Add(new CcnetLineDedupStep(meta, perInput: false));
        }

        if (section.WrittenInputs is [int start, int end])
        {
            steps.Add(new OwnShardStep(start, end));
        }

        IEnumerable<string> languages = section.KeepsAllLanguages() ? [] : section.Languages;
        steps.Add(new LanguageIdStep(LanguageIdModels.Get(LanguageIdModels.ModelPath(section.LidModel)), meta, LanguageIdStep.LanguageField, section.LidThreshold, languages));
        steps.Add(new PerplexityStep(section.LmDir, PerplexityModels.Cutoffs(PerplexityModels.CutoffsPath(section.Cutoffs)), meta, LanguageIdStep.LanguageField, defaultLanguage: null));
        steps.Add(new KeepBucketStep(meta, section.KeepBuckets));
        if (section.DigestDedup)
        {
            steps.Add(new DigestFirstStep(meta));
            steps.Add(new KeptUrlStep(meta));
        }

        if (classifies)
        {
            // Last: classify.py reads the digest-deduplicated cc_net output.
            steps.Add(new WikiReferenceClassifierStep(LanguageIdModels.Get(section.Classifier!), meta, section.MinWikiProb));
        }

        // RedPajama's released record is flat (classify.py); cc_metadata's puts cc_net's fields in "meta" before "text".
        // Language and bucket are the Hive partitions (language=en/bucket=head/), as cc_net split its output by them.
        bool released = section.Metadata == ReleasedRecord;
        string[] written = released
            ? [.. (classifies ? WikiReferenceClassifierStep.Fields.Select(f => f.Name) : []), SourceFieldStep.SourceField]
            : [.. meta.Fields.Select(f => f.Name).Where(n => n != DigestFirstStep.DigestWinnerField)];
        return new PipelineDescription(SourceName, meta, new WetReader(), steps, released ? JsonLayout.Flat : JsonLayout.MetaThenText)
        {
            WrittenMeta = written,
            PartitionBy = [LanguageIdStep.LanguageField, PerplexityStep.BucketField],
        };
    }

    /// <inheritdoc />
    public override bool AddsSignalsAndTokenCount(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Section<CommonCrawlConfig>().Signals;
    }
}
