using System.Text;

namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// Encodes and decodes text exactly as SentencePiece 0.1.97 does with the same model file: its
/// normaliser (precompiled charsmap, whitespace rules, dummy prefix), its BPE merge order (best score,
/// leftmost on ties) or unigram Viterbi, unknown-piece merging and byte fallback. Thread-safe: one instance
/// serves every thread; each thread keeps its own buffers and, for BPE, a cache of segmented words.
/// </summary>
public sealed class SentencePieceTokenizer
{
    private static long s_nextInstance;

    private readonly long _instance = Interlocked.Increment(ref s_nextInstance);
    private readonly Vocabulary _vocabulary;
    private readonly SentencePieceNormalizer _normalizer;
    private readonly BpeSegmenter? _bpe;
    private readonly WhitespaceSegmenter? _wordBoundaries;
    private readonly UnigramSegmenter? _unigram;
    private readonly SentencePieceDecoder _decoder;
    private readonly bool _byteFallback;
    private readonly int _unknownId;
    private readonly int _bosForEncoding;
    private readonly int _eosForEncoding;
    private readonly string _bosPiece;
    private readonly string _eosPiece;

    private SentencePieceTokenizer(ModelProto model, string name)
    {
        Name = name;
        TrainerSpec trainer = model.Trainer;
        if (trainer.ModelType is not (SentencePieceModelType.Bpe or SentencePieceModelType.Unigram))
        {
            throw new FormatException($"model type {trainer.ModelType} is not supported; only BPE and unigram models are");
        }

        _vocabulary = new Vocabulary(model.Pieces, trainer.ByteFallback);
        _byteFallback = trainer.ByteFallback;
        _unknownId = _vocabulary.UnknownId;
        _normalizer = new SentencePieceNormalizer(model.Normalizer, trainer.TreatWhitespaceAsSuffix, _vocabulary.UserDefined);
        SentencePieceNormalizer? denormalizer = model.Denormalizer is { PrecompiledCharsMap.Length: > 0 } spec
            ? new SentencePieceNormalizer(spec, treatWhitespaceAsSuffix: false, userSymbols: null)
            : null;
        _decoder = new SentencePieceDecoder(_vocabulary, model.Normalizer, trainer.UnknownSurface, denormalizer);
        if (trainer.ModelType == SentencePieceModelType.Bpe)
        {
            _bpe = new BpeSegmenter(_vocabulary);
            _wordBoundaries = new WhitespaceSegmenter(_vocabulary, trainer.TreatWhitespaceAsSuffix);
        }
        else
        {
            _unigram = new UnigramSegmenter(_vocabulary);
        }

        // SentencePiece falls back to the defaults when a piece name is set but empty.
        _bosPiece = trainer.BosPiece.Length > 0 ? trainer.BosPiece : "<s>";
        _eosPiece = trainer.EosPiece.Length > 0 ? trainer.EosPiece : "</s>";
        _bosForEncoding = PieceToId(_bosPiece);
        _eosForEncoding = PieceToId(_eosPiece);
        BosId = FindPiece(_bosPiece);
        EosId = FindPiece(_eosPiece);
        PadId = FindPiece(trainer.PadPiece.Length > 0 ? trainer.PadPiece : "<pad>");
        Settings = new SentencePieceSettings(
            trainer.ModelType,
            model.Normalizer.Name,
            model.Normalizer.AddDummyPrefix,
            model.Normalizer.RemoveExtraWhitespaces,
            model.Normalizer.EscapeWhitespaces,
            trainer.TreatWhitespaceAsSuffix,
            trainer.SplitDigits,
            trainer.ByteFallback,
            denormalizer is not null);
    }

    /// <summary>The path or name the model was loaded from.</summary>
    public string Name { get; }

    /// <summary>The model's encoding settings.</summary>
    public SentencePieceSettings Settings { get; }

    /// <summary>The number of pieces; ids run from 0 to this minus one.</summary>
    public int VocabularySize => _vocabulary.Count;

    /// <summary>The id of the unknown piece.</summary>
    public int UnknownId => _unknownId;

    /// <summary>The id of the begin-of-sentence piece, or -1 when the model has none.</summary>
    public int BosId { get; }

    /// <summary>The id of the end-of-sentence piece, or -1 when the model has none.</summary>
    public int EosId { get; }

    /// <summary>The id of the padding piece, or -1 when the model has none.</summary>
    public int PadId { get; }

    /// <summary>Loads a <c>tokenizer.model</c> (serialised SentencePiece ModelProto).</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="SentencePieceModelException">The file cannot be read or is not a usable model.</exception>
    public static SentencePieceTokenizer Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SentencePieceModelException(path, e.Message, e);
        }

        return FromBytes(bytes, path);
    }

    /// <summary>Loads a model from its serialised bytes.</summary>
    /// <param name="model">The ModelProto bytes.</param>
    /// <param name="name">A name for error messages (usually the file path).</param>
    /// <returns>The tokenizer.</returns>
    /// <exception cref="SentencePieceModelException">The bytes are not a usable model.</exception>
    public static SentencePieceTokenizer FromBytes(ReadOnlySpan<byte> model, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return new SentencePieceTokenizer(ModelProto.Parse(model), name);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new SentencePieceModelException(name, e.Message, e);
        }
    }

    /// <summary>Encodes text to piece ids, like <c>spm_encode --output_format=id</c>.</summary>
    /// <param name="text">The text (one sentence or a whole document; newlines are ordinary characters).</param>
    /// <param name="addBos">Whether to put the begin-of-sentence id first (<c>--extra_options=bos</c>).</param>
    /// <param name="addEos">Whether to put the end-of-sentence id last (<c>--extra_options=eos</c>).</param>
    /// <returns>The ids.</returns>
    public int[] Encode(string text, bool addBos = false, bool addEos = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        EncoderScratch scratch = EncoderScratch.Current;
        scratch.Ids.Clear();
        EncodeUtf8(scratch.ToUtf8(text), scratch.Ids, addBos, addEos);
        return [.. scratch.Ids];
    }

    /// <summary>Encodes UTF-8 bytes (malformed bytes become U+FFFD as in SentencePiece) and appends the ids.</summary>
    /// <param name="utf8">The text as UTF-8.</param>
    /// <param name="ids">Receives the ids.</param>
    /// <param name="addBos">Whether to put the begin-of-sentence id first.</param>
    /// <param name="addEos">Whether to put the end-of-sentence id last.</param>
    public void EncodeUtf8(ReadOnlySpan<byte> utf8, List<int> ids, bool addBos = false, bool addEos = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        EncoderScratch scratch = EncoderScratch.Current;
        Segment(utf8, scratch);
        if (addBos)
        {
            ids.Add(_bosForEncoding);
        }

        var sink = new IdSink(ids);
        EmitTokens(scratch, ref sink);

        if (addEos)
        {
            ids.Add(_eosForEncoding);
        }
    }

    /// <summary>Encodes text to pieces, like <c>spm_encode --output_format=piece</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="addBos">Whether to put the begin-of-sentence piece first.</param>
    /// <param name="addEos">Whether to put the end-of-sentence piece last.</param>
    /// <returns>The pieces; an unknown run is its own normalised text, a fallback byte is <c>&lt;0xNN&gt;</c>.</returns>
    public IReadOnlyList<string> EncodeToPieces(string text, bool addBos = false, bool addEos = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        EncodeUtf8ToPieces(EncoderScratch.Current.ToUtf8(text), pieces, addBos, addEos);
        return pieces;
    }

    /// <summary>Encodes UTF-8 bytes and appends the pieces.</summary>
    /// <param name="utf8">The text as UTF-8.</param>
    /// <param name="pieces">Receives the pieces.</param>
    /// <param name="addBos">Whether to put the begin-of-sentence piece first.</param>
    /// <param name="addEos">Whether to put the end-of-sentence piece last.</param>
    public void EncodeUtf8ToPieces(ReadOnlySpan<byte> utf8, List<string> pieces, bool addBos = false, bool addEos = false)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        EncoderScratch scratch = EncoderScratch.Current;
        Segment(utf8, scratch);
        if (addBos)
        {
            pieces.Add(_bosPiece);
        }

        var sink = new PieceSink(pieces, _vocabulary);
        EmitTokens(scratch, ref sink);

        if (addEos)
        {
            pieces.Add(_eosPiece);
        }
    }

    /// <summary>The number of ids <see cref="Encode"/> would return, without building them.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The token count.</returns>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        EncoderScratch scratch = EncoderScratch.Current;
        return CountTokensUtf8(scratch.ToUtf8(text));
    }

    /// <summary>The number of ids <see cref="EncodeUtf8"/> would append.</summary>
    /// <param name="utf8">The text as UTF-8.</param>
    /// <returns>The token count.</returns>
    public int CountTokensUtf8(ReadOnlySpan<byte> utf8)
    {
        EncoderScratch scratch = EncoderScratch.Current;
        Segment(utf8, scratch);
        var sink = new CountSink();
        EmitTokens(scratch, ref sink);
        return sink.Count;
    }

    /// <summary>Decodes ids to text, like <c>spm_decode --input_format=id</c>.</summary>
    /// <param name="ids">Piece ids.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the vocabulary.</exception>
    public string Decode(ReadOnlySpan<int> ids) => _decoder.Decode(ids);

    /// <summary>The piece text of an id.</summary>
    /// <param name="id">A piece id.</param>
    /// <returns>The piece, with U+2581 for whitespace.</returns>
    public string IdToPiece(int id)
    {
        return _vocabulary.PieceString(CheckedId(id));
    }

    /// <summary>The id of a piece, or the unknown id when the vocabulary lacks it (SentencePiece's <c>PieceToId</c>).</summary>
    /// <param name="piece">The piece text.</param>
    /// <returns>The id.</returns>
    public int PieceToId(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        return _vocabulary.PieceToId(Encoding.UTF8.GetBytes(piece));
    }

    /// <summary>The kind of a piece.</summary>
    /// <param name="id">A piece id.</param>
    /// <returns>Its kind.</returns>
    public PieceKind GetPieceKind(int id)
    {
        return _vocabulary.Kind(CheckedId(id));
    }

    /// <summary>The score of a piece (log probability for unigram, merge rank for BPE).</summary>
    /// <param name="id">A piece id.</param>
    /// <returns>Its score.</returns>
    public float GetScore(int id)
    {
        return _vocabulary.Score(CheckedId(id));
    }

    /// <summary>
    /// Turns the segmentation into output tokens as SentencePiece's <c>PopulateSentencePieceText</c> does: an
    /// unknown piece becomes its UTF-8 bytes with byte fallback, and otherwise a run of unknown pieces is one.
    /// </summary>
    private void EmitTokens<TSink>(EncoderScratch scratch, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        ReadOnlySpan<byte> normalized = scratch.Normalized.Span;
        ReadOnlySpan<int> starts = scratch.Pieces.Starts;
        ReadOnlySpan<int> lengths = scratch.Pieces.Lengths;
        ReadOnlySpan<int> pieceIds = scratch.Pieces.Ids;
        bool previousUnknown = false;
        for (int i = 0; i < pieceIds.Length; i++)
        {
            int id = pieceIds[i];
            bool unknown = id == _unknownId;
            ReadOnlySpan<byte> surface = normalized.Slice(starts[i], lengths[i]);
            if (unknown && _byteFallback)
            {
                foreach (byte b in surface)
                {
                    sink.Add(_vocabulary.ByteId(b), default);
                }
            }
            else if (unknown && previousUnknown)
            {
                sink.ExtendUnknown(surface);
            }
            else
            {
                sink.Add(id, unknown ? surface : default);
            }

            previousUnknown = unknown;
        }
    }

    private int CheckedId(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _vocabulary.Count);
        return id;
    }

    private int FindPiece(string piece)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(piece);
        int id = _vocabulary.Reserved.Find(bytes);
        return id >= 0 ? id : _vocabulary.Segmentable.Find(bytes);
    }

    private void Segment(ReadOnlySpan<byte> utf8, EncoderScratch scratch)
    {
        _normalizer.Normalize(utf8, scratch.Normalized);
        scratch.Pieces.Clear();
        ReadOnlySpan<byte> normalized = scratch.Normalized.Span;
        if (_unigram is not null)
        {
            _unigram.Encode(normalized, scratch.Pieces, scratch.Unigram);
        }
        else
        {
            SegmentBpe(normalized, scratch);
        }
    }

    private void SegmentBpe(ReadOnlySpan<byte> text, EncoderScratch scratch)
    {
        BpeSegmenter bpe = _bpe!;
        WhitespaceSegmenter boundaries = _wordBoundaries!;
        SegmentCache cache = scratch.CacheFor(_instance);
        RawPieces pieces = scratch.Pieces;
        List<int> values = scratch.Values;
        for (int start = 0; start < text.Length;)
        {
            int end = boundaries.NextBoundary(text, start);
            ReadOnlySpan<byte> segment = text[start..end];
            if (segment.Length > SegmentCache.MaxSegmentLength)
            {
                bpe.Encode(segment, start, pieces, scratch.Bpe);
            }
            else
            {
                ulong hash = SegmentCache.Hash(segment);
                if (cache.TryGet(segment, hash, out ReadOnlySpan<int> cached))
                {
                    int position = start;
                    for (int i = 0; i < cached.Length; i += 2)
                    {
                        pieces.Add(position, cached[i], cached[i + 1]);
                        position += cached[i];
                    }
                }
                else
                {
                    int first = pieces.Count;
                    bpe.Encode(segment, start, pieces, scratch.Bpe);
                    values.Clear();
                    for (int i = first; i < pieces.Count; i++)
                    {
                        values.Add(pieces.Lengths[i]);
                        values.Add(pieces.Ids[i]);
                    }

                    cache.Add(segment, hash, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
                }
            }

            start = end;
        }
    }
}
