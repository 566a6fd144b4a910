namespace RedPajama.Udfs.Tokenization;

/// <summary>The segmentation algorithm of a SentencePiece model (<c>TrainerSpec.model_type</c>).</summary>
public enum SentencePieceModelType
{
    /// <summary>Unigram language model, decoded with Viterbi.</summary>
    Unigram = 1,

    /// <summary>Byte-pair encoding, merged by piece score.</summary>
    Bpe = 2,

    /// <summary>Whitespace-delimited words (not supported here).</summary>
    Word = 3,

    /// <summary>Single characters (not supported here).</summary>
    Char = 4,
}
