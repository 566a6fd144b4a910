namespace RedPajama.Udfs.Tokenization;

/// <summary>The settings a loaded model encodes with, as read from its ModelProto.</summary>
/// <param name="ModelType">BPE or unigram.</param>
/// <param name="NormalizationRule">The normaliser's rule name (for example <c>nmt_nfkc</c> or <c>identity</c>).</param>
/// <param name="AddDummyPrefix">Whether a whitespace is added before the text (after it with <paramref name="TreatWhitespaceAsSuffix"/>).</param>
/// <param name="RemoveExtraWhitespaces">Whether leading, trailing and repeated whitespace is dropped.</param>
/// <param name="EscapeWhitespaces">Whether spaces become U+2581.</param>
/// <param name="TreatWhitespaceAsSuffix">Whether pieces end with whitespace instead of starting with it.</param>
/// <param name="SplitDigits">Whether the model was trained with digits split (informational: the vocabulary enforces it).</param>
/// <param name="ByteFallback">Whether unknown characters become UTF-8 byte pieces.</param>
/// <param name="HasDenormalizer">Whether decoding applies a denormalisation rule.</param>
public sealed record SentencePieceSettings(
    SentencePieceModelType ModelType,
    string NormalizationRule,
    bool AddDummyPrefix,
    bool RemoveExtraWhitespaces,
    bool EscapeWhitespaces,
    bool TreatWhitespaceAsSuffix,
    bool SplitDigits,
    bool ByteFallback,
    bool HasDenormalizer);
