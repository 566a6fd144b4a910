namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// The pieces of a model and SentencePiece's two lookup tables (model_interface.cc): normal, user-defined and
/// unused pieces, which segmentation may produce, and reserved ones (control, unknown, byte), which it may not.
/// </summary>
internal sealed class Vocabulary
{
    private readonly byte[][] _pieces;
    private readonly string[] _pieceStrings;
    private readonly float[] _scores;
    private readonly PieceKind[] _kinds;
    private readonly int[] _byteIds;

    /// <exception cref="FormatException">The vocabulary breaks one of SentencePiece's load-time rules.</exception>
    public Vocabulary(IReadOnlyList<ModelPiece> pieces, bool byteFallback)
    {
        if (pieces.Count == 0)
        {
            throw new FormatException("the model has no pieces");
        }

        int count = pieces.Count;
        _pieces = new byte[count][];
        _pieceStrings = new string[count];
        _scores = new float[count];
        _kinds = new PieceKind[count];
        _byteIds = new int[256];
        Array.Fill(_byteIds, -1);
        var segmentable = new List<(byte[], int)>(count);
        var reserved = new List<(byte[], int)>();
        var userDefined = new List<(byte[], int)>();
        var segmentableSeen = new HashSet<string>(StringComparer.Ordinal);
        var reservedSeen = new HashSet<string>(StringComparer.Ordinal);
        UnknownId = -1;
        for (int id = 0; id < count; id++)
        {
            ModelPiece piece = pieces[id];
            if (piece.Utf8.Length == 0)
            {
                throw new FormatException($"piece {id} is empty");
            }

            _pieces[id] = piece.Utf8;
            _pieceStrings[id] = System.Text.Encoding.UTF8.GetString(piece.Utf8);
            _scores[id] = piece.Score;
            _kinds[id] = piece.Kind;
            bool isSegmentable = IsSegmentableKind(piece.Kind);
            string key = Convert.ToHexString(piece.Utf8);
            if (!(isSegmentable ? segmentableSeen : reservedSeen).Add(key))
            {
                throw new FormatException($"piece {id} \"{_pieceStrings[id]}\" is already defined");
            }

            (isSegmentable ? segmentable : reserved).Add((piece.Utf8, id));
            HasUnusedPieces |= piece.Kind == PieceKind.Unused;
            if (piece.Kind == PieceKind.UserDefined)
            {
                userDefined.Add((piece.Utf8, id));
            }
            else if (piece.Kind == PieceKind.Unknown)
            {
                UnknownId = UnknownId < 0 ? id : throw new FormatException($"a second unknown piece at id {id} (the first is {UnknownId})");
            }
            else if (piece.Kind == PieceKind.Byte)
            {
                if (!byteFallback)
                {
                    throw new FormatException($"byte piece {_pieceStrings[id]} is found although byte_fallback is false");
                }

                int value = ByteValue(_pieceStrings[id]);
                _byteIds[value >= 0 ? value : throw new FormatException($"byte piece {_pieceStrings[id]} is invalid")] = id;
            }
        }

        if (UnknownId < 0)
        {
            throw new FormatException("the model defines no unknown piece");
        }

        if (byteFallback && Array.IndexOf(_byteIds, -1) >= 0)
        {
            throw new FormatException("byte_fallback is true but the model lacks some of the 256 byte pieces");
        }

        Segmentable = new ByteTrie(segmentable);
        Reserved = new ByteTrie(reserved);
        UserDefined = new ByteTrie(userDefined);
        HasShadowedPieces = reserved.Exists(entry => Segmentable.Find(entry.Item1) >= 0);
    }

    public int Count => _pieces.Length;

    public int UnknownId { get; }

    public bool HasUnusedPieces { get; }

    /// <summary>Whether some reserved piece has the same text as a segmentable one (so <see cref="PieceToId"/> returns the reserved id for it).</summary>
    public bool HasShadowedPieces { get; }

    /// <summary>Normal, user-defined and unused pieces (SentencePiece's <c>pieces_</c>).</summary>
    public ByteTrie Segmentable { get; }

    /// <summary>Control, unknown and byte pieces (<c>reserved_id_map_</c>).</summary>
    public ByteTrie Reserved { get; }

    /// <summary>User-defined symbols, matched whole before anything else.</summary>
    public ByteTrie UserDefined { get; }

    /// <summary>Whether segmentation may produce the piece (normal, user-defined or unused: SentencePiece's <c>pieces_</c>).</summary>
    public bool IsSegmentable(int id) => IsSegmentableKind(_kinds[id]);

    public ReadOnlySpan<byte> PieceBytes(int id) => _pieces[id];

    public string PieceString(int id) => _pieceStrings[id];

    public float Score(int id) => _scores[id];

    public PieceKind Kind(int id) => _kinds[id];

    /// <summary>The id of byte piece <c>&lt;0xNN&gt;</c>; only valid with byte fallback.</summary>
    public int ByteId(byte value) => _byteIds[value];

    /// <summary>SentencePiece's <c>PieceToId</c>: reserved pieces first, then segmentable ones, else the unknown id.</summary>
    public int PieceToId(ReadOnlySpan<byte> piece)
    {
        int id = Reserved.Find(piece);
        if (id >= 0)
        {
            return id;
        }

        id = Segmentable.Find(piece);
        return id >= 0 ? id : UnknownId;
    }

    private static bool IsSegmentableKind(PieceKind kind) => kind is PieceKind.Normal or PieceKind.UserDefined or PieceKind.Unused;

    /// <summary>The byte of a piece spelled exactly <c>&lt;0xNN&gt;</c> with upper-case hex, else -1.</summary>
    public static int ByteValue(string piece)
    {
        if (piece.Length != 6 || !piece.StartsWith("<0x", StringComparison.Ordinal) || piece[5] != '>')
        {
            return -1;
        }

        int high = HexDigit(piece[3]);
        int low = HexDigit(piece[4]);
        return high < 0 || low < 0 ? -1 : (high << 4) | low;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
