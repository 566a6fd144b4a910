namespace RedPajama.Udfs.Tokenization;

/// <summary>One vocabulary entry as stored in the model file: UTF-8 bytes, score and kind.</summary>
internal readonly record struct ModelPiece(byte[] Utf8, float Score, PieceKind Kind);
