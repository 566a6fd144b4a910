using System.Collections.Concurrent;
using RedPajama.Documents;
using RedPajama.Pipeline;
using RedPajama.Udfs.LanguageModel;
using RedPajama.Udfs.Text;
using RedPajama.Udfs.Tokenization;

namespace RedPajama.LanguageModel;

/// <summary>
/// CCNet's perplexity and bucket (<c>cc_net/perplexity.py</c>: <c>MultiSentencePiece</c>, <c>DocLM</c>,
/// <c>PerplexityBucket</c>): the text normalised as <c>text_normalizer.normalize</c> does, cut into pieces by the
/// language's SentencePiece model, the pieces joined by spaces and scored by its 5-gram model
/// (<see cref="CcnetPerplexity.Of"/>, rounded to 1 decimal) into <c>perplexity</c>; <c>bucket</c> is <c>head</c>,
/// <c>middle</c> or <c>tail</c> by the language's cutoffs, or <c>all</c> when the document has no perplexity (no
/// language, no model for it, empty text) or its language no cutoffs. It never drops a document. Models come from
/// <see cref="PerplexityModels"/>, so building the step is cheap and each model loads once per process.
/// </summary>
public sealed class PerplexityStep : IDocumentStep
{
    /// <summary>The meta field that receives the perplexity (float).</summary>
    public const string PerplexityField = "perplexity";

    /// <summary>The meta field that receives the bucket (text).</summary>
    public const string BucketField = "bucket";

    /// <summary>The bucket of a document without perplexity or cutoffs.</summary>
    public const string NoBucket = "all";

    private readonly string? _modelDirectory;
    private readonly PerplexityBuckets _buckets;
    private readonly int _languageIndex;
    private readonly string? _defaultLanguage;
    private readonly int _perplexityIndex;
    private readonly int _bucketIndex;

    // Which languages have models, resolved once per step: the file checks are not repeated per document.
    private readonly ConcurrentDictionary<string, (SentencePieceTokenizer Tokenizer, NGramLanguageModel Model)?> _models = new(StringComparer.Ordinal);

    /// <summary>Creates the step.</summary>
    /// <param name="modelDirectory">CCNet's model folder: <c>&lt;lang&gt;.sp.model</c> and <c>&lt;lang&gt;.arpa.bin</c> or <c>&lt;lang&gt;.arpa</c>; null scores nothing (bucket <c>all</c>).</param>
    /// <param name="buckets">The cutoffs.</param>
    /// <param name="meta">The pipeline's meta schema, holding <see cref="PerplexityField"/> (float) and <see cref="BucketField"/> (text).</param>
    /// <param name="languageField">The meta field with the document's language; the schema may lack it.</param>
    /// <param name="defaultLanguage">The language of documents without one; null leaves them unscored.</param>
    public PerplexityStep(string? modelDirectory, PerplexityBuckets buckets, MetaSchema meta, string languageField, string? defaultLanguage)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentException.ThrowIfNullOrEmpty(languageField);
        _modelDirectory = string.IsNullOrEmpty(modelDirectory) ? null : modelDirectory;
        _buckets = buckets;
        _languageIndex = meta.IndexOf(languageField);
        _defaultLanguage = string.IsNullOrEmpty(defaultLanguage) ? null : defaultLanguage;
        _perplexityIndex = meta.Require(PerplexityField);
        _bucketIndex = meta.Require(BucketField);
        if (meta.Fields[_perplexityIndex].Type != MetaType.Float || meta.Fields[_bucketIndex].Type != MetaType.Text)
        {
            throw new ArgumentException($"meta field '{PerplexityField}' must be a float and '{BucketField}' text", nameof(meta));
        }
    }

    /// <inheritdoc />
    public string Name => "perplexity";

    /// <summary>The perplexity and bucket CCNet gives <paramref name="text"/> in <paramref name="language"/>.</summary>
    /// <param name="text">A document's text.</param>
    /// <param name="language">Its language, or null for the configured default.</param>
    /// <returns>The rounded perplexity (null when unscored) and the bucket.</returns>
    public (double? Perplexity, string Bucket) Score(string text, string? language)
    {
        ArgumentNullException.ThrowIfNull(text);
        language ??= _defaultLanguage;
        if (language is null)
        {
            return (null, NoBucket);
        }

        double? perplexity = Perplexity(text, language);
        return (perplexity, _buckets.Bucket(language, perplexity));
    }

    /// <inheritdoc />
    public void Apply(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string? language = _languageIndex >= 0 ? document.Meta[_languageIndex] as string : null;
        (double? perplexity, string bucket) = Score(document.Text, string.IsNullOrEmpty(language) ? null : language);
        document.Meta[_perplexityIndex] = perplexity;
        document.Meta[_bucketIndex] = bucket;
    }

    private double? Perplexity(string text, string language)
    {
        if (text.Length == 0 || _modelDirectory is not { } directory || _models.GetOrAdd(language, l => PerplexityModels.Find(directory, l)) is not { } models)
        {
            return null;
        }

        string tokenized = string.Join(' ', models.Tokenizer.EncodeToPieces(CcnetTextNormalizer.Normalize(text)));
        // cc_net's DocLM skips a document whose tokenized text is empty (whitespace-only text).
        return tokenized.Length == 0 ? null : CcnetPerplexity.Of(models.Model, tokenized);
    }
}
