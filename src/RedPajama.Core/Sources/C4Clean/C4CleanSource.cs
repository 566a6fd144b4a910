using RedPajama.Configuration;
using RedPajama.Documents;
using RedPajama.LanguageId;
using RedPajama.Pipeline;
using RedPajama.Reading;
using RedPajama.Sources.CommonCrawl;
using RedPajama.Udfs.C4;

namespace RedPajama.Sources.C4Clean;

/// <summary>
/// C4's own cleaning re-run on any CommonCrawl dump, as TFDS's <c>c4/en</c> builder ran it (<c>c4.py</c>,
/// <c>c4_utils.py</c>): WET pages split by <see cref="TfdsWetReader"/>, the 1.9e5-character limit, URL dedup on the
/// normalized URL, <c>clean_page</c>, line dedup across the corpus (or the original C4's three-sentence spans), and English at probability 0.99 (fastText lid.176
/// where TFDS ran langdetect). Output as <c>allenai/c4</c> publishes it, <c>{"text", "timestamp", "url"}</c>, in
/// <c>split=train</c> and <c>split=validation</c> folders. Its section is <c>c4_clean:</c> (<see cref="C4CleanConfig"/>).
/// </summary>
public sealed class C4CleanSource : PipelineSource
{
    /// <summary>The source name used on the command line.</summary>
    public const string SourceName = "c4-clean";

    /// <inheritdoc />
    public override string Name => SourceName;

    /// <inheritdoc />
    public override string SectionName => "c4_clean";

    /// <inheritdoc />
    public override Type SectionType => typeof(C4CleanConfig);

    /// <inheritdoc />
    public override IEnumerable<string?> SectionProblems(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        C4CleanConfig section = config.Section<C4CleanConfig>();
        yield return NumberRange.AtLeast(0).Check($"{SectionName}.max_length", section.MaxLength);
        yield return NumberRange.AtLeast(0).Check($"{SectionName}.min_sentences", section.MinSentences);
        yield return NumberRange.AtLeast(0).Check($"{SectionName}.max_word_length", section.MaxWordLength);
        yield return section.Dedup is C4CleanConfig.LineDedup or C4CleanConfig.SpanDedup or C4CleanConfig.NoDedup
            ? null
            : $"{SectionName}.dedup must be {C4CleanConfig.LineDedup}, {C4CleanConfig.SpanDedup} or {C4CleanConfig.NoDedup} (got '{section.Dedup}')";
        yield return new NumberRange(0, 1).Check($"{SectionName}.min_language_probability", section.MinLanguageProbability);
        yield return section.Language == C4CleanConfig.AllLanguages || PerplexityConfig.IsLanguageCode(section.Language)
            ? null
            : $"{SectionName}.language must be a language code such as en, or all (got '{section.Language}')";
        yield return section.Punkt is { Length: > 0 } punkt && !Directory.Exists(punkt) ? $"{SectionName}.punkt: no folder '{punkt}'" : null;
        yield return section.Badwords is { Length: > 0 } badwords && badwords != C4CleanConfig.NoBadwords && !File.Exists(badwords)
            ? $"{SectionName}.badwords: no file '{badwords}'"
            : null;
    }

    /// <inheritdoc />
    public override IEnumerable<string> Warnings(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        C4CleanConfig section = config.Section<C4CleanConfig>();
        if (string.IsNullOrEmpty(section.Punkt) && (section.Clean || section.Dedup != C4CleanConfig.NoDedup))
        {
            yield return $"{SectionName}: no punkt folder, so sentences are counted with the bundled {C4CleanModels.BundledPunkt} Punkt model, not NLTK's english one; point {SectionName}.punkt at nltk_data/tokenizers/punkt_tab/english for C4's counts";
        }
    }

    /// <inheritdoc />
    public override IEnumerable<ShippedFile> ShippedFiles(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        C4CleanConfig section = config.Section<C4CleanConfig>();
        yield return new ShippedFile(C4CleanModels.PunktPath(section.Punkt), static (c, path) => c.Section<C4CleanConfig>().Punkt = path);
        if (section.Badwords != C4CleanConfig.NoBadwords)
        {
            yield return new ShippedFile(C4CleanModels.BadwordsPath(section.Badwords), static (c, path) => c.Section<C4CleanConfig>().Badwords = path);
        }

        if (section.Language != C4CleanConfig.AllLanguages)
        {
            yield return new ShippedFile(LanguageIdModels.ModelPath(section.LidModel), static (c, path) => c.Section<C4CleanConfig>().LidModel = path);
        }
    }

    /// <inheritdoc />
    /// <remarks>A <c>wet.paths</c> or <c>wet.paths.gz</c> named as an input lists WET files relative to <c>c4_clean.url_root</c>.</remarks>
    public override ListingRoot? ListingRoot(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ListingRoot(config.Section<C4CleanConfig>().UrlRoot);
    }

    /// <inheritdoc />
    public override bool Accepts(string path) => WetReader.Accepts(path);

    /// <inheritdoc />
    public override bool AddsSignalsAndTokenCount(RunConfig config) => false;

    /// <inheritdoc />
    public override PipelineDescription Describe(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        C4CleanConfig section = config.Section<C4CleanConfig>();
        bool identifiesLanguage = section.Language != C4CleanConfig.AllLanguages;
        var fields = new List<MetaField>(C4CleanMeta.ReaderFields);
        if (identifiesLanguage)
        {
            fields.Add(new MetaField(LanguageIdStep.LanguageField, MetaType.Text));
            fields.Add(new MetaField(LanguageIdStep.LanguageField + "_score", MetaType.Float));
        }

        var meta = new MetaSchema([.. fields]);
        var sentences = C4CleanModels.Punkt(C4CleanModels.PunktPath(section.Punkt));
        var steps = new List<IPipelineStep> { new C4LengthStep(section.MaxLength) };
        if (section.UrlDedup)
        {
            steps.Add(new C4UrlDedupStep(meta));
        }

        if (section.Clean)
        {
            TfdsBadWords? badWords = section.Badwords == C4CleanConfig.NoBadwords ? null : C4CleanModels.Badwords(C4CleanModels.BadwordsPath(section.Badwords));
            steps.Add(new C4CleanPageStep(new TfdsPageCleaner(sentences, badWords)
            {
                MinSentences = section.MinSentences,
                MaxWordLength = section.MaxWordLength == 0 ? int.MaxValue : section.MaxWordLength,
            }));
        }

        // Without cleaning TFDS keeps every non-empty deduplicated page (min_num_sentences=0).
        int minSentencesAfterDedup = section.Clean ? section.MinSentences : 0;
        if (section.Dedup == C4CleanConfig.LineDedup)
        {
            steps.Add(new C4LineDedupStep(meta, sentences, minSentencesAfterDedup));
        }
        else if (section.Dedup == C4CleanConfig.SpanDedup)
        {
            steps.Add(new C4SpanDedupStep(meta, new TfdsSentenceWindows(sentences), minSentencesAfterDedup));
        }

        if (identifiesLanguage)
        {
            // langdetect reads the whole page; fastText predicts one line, so the page's lines are joined by spaces.
            steps.Add(new LanguageIdStep(
                LanguageIdModels.Get(LanguageIdModels.ModelPath(section.LidModel)), meta, LanguageIdStep.LanguageField,
                section.MinLanguageProbability, [section.Language], roundScore: false, newlineReplacement: " "));
        }

        return new PipelineDescription(SourceName, meta, new TfdsWetReader(), steps, JsonLayout.Flat)
        {
            WrittenMeta = [C4CleanMeta.Timestamp, C4CleanMeta.Url],
            PartitionBy = [C4CleanMeta.Split],
        };
    }
}
