namespace RedPajama.Udfs.Tokenization;

/// <summary>The parts of a model's <c>TrainerSpec</c> that change how text is encoded or decoded.</summary>
internal sealed record TrainerSpec(
    SentencePieceModelType ModelType,
    int VocabularySize,
    bool TreatWhitespaceAsSuffix,
    bool AllowWhitespaceOnlyPieces,
    bool SplitDigits,
    bool ByteFallback,
    string UnknownPiece,
    string BosPiece,
    string EosPiece,
    string PadPiece,
    byte[] UnknownSurface)
{
    /// <summary>The settings of a file with no TrainerSpec at all.</summary>
    public static TrainerSpec Default { get; } = new(
        SentencePieceModelType.Unigram, 8000, false, false, false, false, "<unk>", "<s>", "</s>", "<pad>", " \u2047 "u8.ToArray());
}
