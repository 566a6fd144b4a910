namespace RedPajama.Sources.C4Clean;

/// <summary>
/// The <c>c4_clean:</c> section of the run configuration: TFDS C4's <c>en</c> builder (<c>clean=True</c>,
/// <c>dedupe=True</c>, <c>badwords_filter=True</c>) with its defaults.
/// <code>
/// c4_clean:
///   max_length: 190000       # is_valid_length, code points
///   url_dedup: true          # normalize_url + dedupe_urls
///   clean: true              # clean_page
///   badwords: null           # null: the bundled LDNOOBW en at TFDS's commit 25e679f; "none" turns the rule off
///   punkt: null              # an NLTK punkt_tab folder (tokenizers/punkt_tab/english); null: the bundled english-gutenberg
///   max_word_length: 1000    # lines with a longer word go; 0: no such rule (the original C4)
///   dedup: lines             # lines (TFDS >= 2.3, allenai/c4) | spans (three-sentence spans, the T5 paper's C4) | none
///   min_sentences: 3
///   language: en             # fastText lid.176 stands in for langdetect; "all" turns the filter off
///   lid_model: null          # null: the bundled lid.176.ftz
///   min_language_probability: 0.99
///   url_root: https://data.commoncrawl.org/   # what wet.paths entries are relative to, or a mirror directory
/// </code>
/// </summary>
public sealed class C4CleanConfig
{
    /// <summary>The <see cref="Badwords"/> value that turns the bad-words rule off.</summary>
    public const string NoBadwords = "none";

    /// <summary>The <see cref="Dedup"/> value of TFDS's line dedup (<c>c4_utils.py</c> from 2.3.0 on, the one <c>allenai/c4</c> ran).</summary>
    public const string LineDedup = "lines";

    /// <summary>The <see cref="Dedup"/> value of the three-sentence-span dedup of the original C4 (TFDS <c>15cd71bf</c>).</summary>
    public const string SpanDedup = "spans";

    /// <summary>The <see cref="Dedup"/> value that turns cross-page dedup off.</summary>
    public const string NoDedup = "none";

    /// <summary>The <see cref="Language"/> value that turns the language filter off.</summary>
    public const string AllLanguages = "all";

    /// <summary>Pages with more code points are dropped (<c>is_valid_length</c>, 1.9e5).</summary>
    public long MaxLength { get; set; } = C4LengthStep.DefaultMaxLength;

    /// <summary>Whether pages sharing a normalized URL are deduplicated.</summary>
    public bool UrlDedup { get; set; } = true;

    /// <summary>Whether <c>clean_page</c> runs.</summary>
    public bool Clean { get; set; } = true;

    /// <summary>The bad-words list (one entry a line); null for the bundled one, <see cref="NoBadwords"/> for none.</summary>
    public string? Badwords { get; set; }

    /// <summary>The Punkt parameters folder (NLTK's <c>punkt_tab</c> format); null for the bundled model.</summary>
    public string? Punkt { get; set; }

    /// <summary>Lines with a word of more code points go (added to TFDS in January 2020); 0 turns the rule off.</summary>
    public int MaxWordLength { get; set; } = Udfs.C4.TfdsPageCleaner.DefaultMaxWordLength;

    /// <summary>The cross-page dedup: <see cref="LineDedup"/>, <see cref="SpanDedup"/> or <see cref="NoDedup"/>.</summary>
    public string Dedup { get; set; } = LineDedup;

    /// <summary>Pages with fewer Punkt sentences are dropped, after cleaning and again after line dedup.</summary>
    public int MinSentences { get; set; } = 3;

    /// <summary>The language kept; <see cref="AllLanguages"/> keeps every page and runs no language ID.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The fastText language-ID model; null for the bundled <c>lid.176.ftz</c>.</summary>
    public string? LidModel { get; set; }

    /// <summary>Pages whose top language probability is lower are dropped (C4: 0.99).</summary>
    public double MinLanguageProbability { get; set; } = 0.99;

    /// <summary>What <c>wet.paths</c> entries are relative to: CommonCrawl's host or a mirror directory.</summary>
    public string UrlRoot { get; set; } = Reading.ListingRoot.CommonCrawl;
}
