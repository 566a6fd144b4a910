using System.Text;

namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// SentencePiece's <c>Decode</c> (sentencepiece_processor.cc): control pieces vanish, the unknown piece
/// becomes the model's unk surface, runs of byte pieces are reassembled into UTF-8 (U+FFFD per malformed
/// byte), U+2581 becomes a space and the dummy-prefix space of the first piece is dropped.
/// </summary>
internal sealed class SentencePieceDecoder
{
    private readonly Vocabulary _vocabulary;
    private readonly NormalizerSpec _spec;
    private readonly byte[] _unknownSurface;
    private readonly SentencePieceNormalizer? _denormalizer;

    public SentencePieceDecoder(Vocabulary vocabulary, NormalizerSpec spec, byte[] unknownSurface, SentencePieceNormalizer? denormalizer)
    {
        _vocabulary = vocabulary;
        _spec = spec;
        _unknownSurface = unknownSurface;
        _denormalizer = denormalizer;
    }

    public string Decode(ReadOnlySpan<int> ids)
    {
        var text = new ByteBuffer();
        var bytes = new ByteBuffer();
        bool isBosWhitespace = true;
        bool bosWhitespaceSeen = false;
        foreach (int given in ids)
        {
            if ((uint)given >= (uint)_vocabulary.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), given, $"Invalid id: {given} (the vocabulary has {_vocabulary.Count} pieces)");
            }

            // Like SentencePiece, decode by piece: the id is looked up again from the piece text.
            ReadOnlySpan<byte> piece = _vocabulary.PieceBytes(given);
            int id = _vocabulary.PieceToId(piece);
            if (_vocabulary.Kind(id) == PieceKind.Byte)
            {
                bytes.Append((byte)Vocabulary.ByteValue(_vocabulary.PieceString(id)));
                continue;
            }

            FlushBytes(bytes, text);
            if (bosWhitespaceSeen || text.Length > 0)
            {
                isBosWhitespace = false;
            }

            bosWhitespaceSeen = AppendPiece(piece, id, isBosWhitespace, text);
        }

        FlushBytes(bytes, text);
        if (_denormalizer is not null)
        {
            var denormalized = new ByteBuffer();
            _denormalizer.Normalize(text.Span, denormalized);
            return Encoding.UTF8.GetString(denormalized.Span);
        }

        return Encoding.UTF8.GetString(text.Span);
    }

    /// <summary>Appends the surface of one non-byte piece; returns whether it consumed the dummy-prefix space.</summary>
    private bool AppendPiece(ReadOnlySpan<byte> piece, int id, bool isBosWhitespace, ByteBuffer text)
    {
        PieceKind kind = _vocabulary.Kind(id);
        if (kind == PieceKind.Control)
        {
            return false;
        }

        if (kind == PieceKind.Unknown)
        {
            text.Append(piece.SequenceEqual(_vocabulary.PieceBytes(id)) ? _unknownSurface : piece);
            return false;
        }

        bool consumedBosWhitespace = false;
        if (isBosWhitespace && (_spec.AddDummyPrefix || _spec.RemoveExtraWhitespaces))
        {
            if (SentencePieceUtf8.StartsWithSpaceSymbol(piece))
            {
                piece = piece[SentencePieceUtf8.SpaceSymbol.Length..];
                consumedBosWhitespace = true;
            }

            if (_spec.RemoveExtraWhitespaces)
            {
                consumedBosWhitespace = false;
            }
        }

        while (!piece.IsEmpty)
        {
            int space = piece.IndexOf(SentencePieceUtf8.SpaceSymbol);
            if (space < 0)
            {
                text.Append(piece);
                break;
            }

            text.Append(piece[..space]);
            text.Append((byte)' ');
            piece = piece[(space + SentencePieceUtf8.SpaceSymbol.Length)..];
        }

        return consumedBosWhitespace;
    }

    private static void FlushBytes(ByteBuffer bytes, ByteBuffer text)
    {
        ReadOnlySpan<byte> pending = bytes.Span;
        int offset = 0;
        while (offset < pending.Length)
        {
            if (SentencePieceUtf8.TryDecode(pending[offset..], out int length))
            {
                text.Append(pending.Slice(offset, length));
            }
            else
            {
                text.Append(SentencePieceUtf8.ReplacementCharacter);
            }

            offset += length;
        }

        bytes.Clear();
    }
}
