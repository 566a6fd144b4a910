namespace RedPajama.Udfs.Tokenization;

/// <summary>The type of a vocabulary entry, numbered as in SentencePiece's <c>ModelProto.SentencePiece.Type</c>.</summary>
public enum PieceKind
{
    /// <summary>An ordinary piece the model segments text into.</summary>
    Normal = 1,

    /// <summary>The unknown piece (<c>&lt;unk&gt;</c>); exactly one per model.</summary>
    Unknown = 2,

    /// <summary>A control symbol such as <c>&lt;s&gt;</c> or <c>&lt;/s&gt;</c>; never produced from text.</summary>
    Control = 3,

    /// <summary>A user-defined symbol, always kept whole when it occurs in text.</summary>
    UserDefined = 4,

    /// <summary>A piece kept in the vocabulary but never emitted; its merges are split again.</summary>
    Unused = 5,

    /// <summary>A byte piece <c>&lt;0xNN&gt;</c> for byte fallback.</summary>
    Byte = 6,
}
