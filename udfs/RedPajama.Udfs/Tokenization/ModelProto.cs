using System.Text;

namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// A parsed SentencePiece <c>ModelProto</c> (sentencepiece_model.proto): the vocabulary, the trainer
/// settings that matter for encoding, and the normaliser and denormaliser specs.
/// </summary>
internal sealed class ModelProto
{
    private ModelProto(IReadOnlyList<ModelPiece> pieces, TrainerSpec trainer, NormalizerSpec normalizer, NormalizerSpec? denormalizer)
    {
        Pieces = pieces;
        Trainer = trainer;
        Normalizer = normalizer;
        Denormalizer = denormalizer;
    }

    public IReadOnlyList<ModelPiece> Pieces { get; }

    public TrainerSpec Trainer { get; }

    public NormalizerSpec Normalizer { get; }

    public NormalizerSpec? Denormalizer { get; }

    /// <summary>Parses the serialised message.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed ModelProto.</exception>
    public static ModelProto Parse(ReadOnlySpan<byte> data)
    {
        var pieces = new List<ModelPiece>();
        TrainerSpec trainer = TrainerSpec.Default;
        NormalizerSpec normalizer = NormalizerSpec.Default;
        NormalizerSpec? denormalizer = null;
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out int field, out ProtoWireType wire))
        {
            switch (field)
            {
                case 1:
                    Expect(wire, ProtoWireType.LengthDelimited, "ModelProto.pieces");
                    pieces.Add(ParsePiece(reader.ReadLengthDelimited(), pieces.Count));
                    break;
                case 2:
                    Expect(wire, ProtoWireType.LengthDelimited, "ModelProto.trainer_spec");
                    trainer = ParseTrainer(reader.ReadLengthDelimited());
                    break;
                case 3:
                    Expect(wire, ProtoWireType.LengthDelimited, "ModelProto.normalizer_spec");
                    normalizer = ParseNormalizer(reader.ReadLengthDelimited());
                    break;
                case 5:
                    Expect(wire, ProtoWireType.LengthDelimited, "ModelProto.denormalizer_spec");
                    denormalizer = ParseNormalizer(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new ModelProto(pieces, trainer, normalizer, denormalizer);
    }

    private static ModelPiece ParsePiece(ReadOnlySpan<byte> data, int index)
    {
        byte[] piece = [];
        float score = 0;
        PieceKind kind = PieceKind.Normal;
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out int field, out ProtoWireType wire))
        {
            switch (field)
            {
                case 1:
                    Expect(wire, ProtoWireType.LengthDelimited, "SentencePiece.piece");
                    piece = reader.ReadLengthDelimited().ToArray();
                    break;
                case 2:
                    Expect(wire, ProtoWireType.Fixed32, "SentencePiece.score");
                    score = reader.ReadFixed32AsFloat();
                    break;
                case 3:
                    Expect(wire, ProtoWireType.Varint, "SentencePiece.type");
                    ulong type = reader.ReadVarint();
                    kind = type is >= 1 and <= 6
                        ? (PieceKind)type
                        : throw new FormatException($"piece {index} has unknown type {type}");
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new ModelPiece(piece, score, kind);
    }

    private static TrainerSpec ParseTrainer(ReadOnlySpan<byte> data)
    {
        TrainerSpec spec = TrainerSpec.Default;
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out int field, out ProtoWireType wire))
        {
            switch (field)
            {
                case 3:
                    ulong type = ReadVarint(ref reader, wire, "TrainerSpec.model_type");
                    spec = spec with
                    {
                        ModelType = type is >= 1 and <= 4
                            ? (SentencePieceModelType)type
                            : throw new FormatException($"unknown model_type {type}"),
                    };
                    break;
                case 4:
                    spec = spec with { VocabularySize = (int)ReadVarint(ref reader, wire, "TrainerSpec.vocab_size") };
                    break;
                case 24:
                    spec = spec with { TreatWhitespaceAsSuffix = ReadVarint(ref reader, wire, "TrainerSpec.treat_whitespace_as_suffix") != 0 };
                    break;
                case 25:
                    spec = spec with { SplitDigits = ReadVarint(ref reader, wire, "TrainerSpec.split_digits") != 0 };
                    break;
                case 26:
                    spec = spec with { AllowWhitespaceOnlyPieces = ReadVarint(ref reader, wire, "TrainerSpec.allow_whitespace_only_pieces") != 0 };
                    break;
                case 35:
                    spec = spec with { ByteFallback = ReadVarint(ref reader, wire, "TrainerSpec.byte_fallback") != 0 };
                    break;
                case 44:
                    spec = spec with { UnknownSurface = ReadBytes(ref reader, wire, "TrainerSpec.unk_surface").ToArray() };
                    break;
                case 45:
                    spec = spec with { UnknownPiece = ReadString(ref reader, wire, "TrainerSpec.unk_piece") };
                    break;
                case 46:
                    spec = spec with { BosPiece = ReadString(ref reader, wire, "TrainerSpec.bos_piece") };
                    break;
                case 47:
                    spec = spec with { EosPiece = ReadString(ref reader, wire, "TrainerSpec.eos_piece") };
                    break;
                case 48:
                    spec = spec with { PadPiece = ReadString(ref reader, wire, "TrainerSpec.pad_piece") };
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return spec;
    }

    private static NormalizerSpec ParseNormalizer(ReadOnlySpan<byte> data)
    {
        NormalizerSpec spec = NormalizerSpec.Default;
        var reader = new ProtoWireReader(data);
        while (reader.TryReadTag(out int field, out ProtoWireType wire))
        {
            switch (field)
            {
                case 1:
                    spec = spec with { Name = ReadString(ref reader, wire, "NormalizerSpec.name") };
                    break;
                case 2:
                    spec = spec with { PrecompiledCharsMap = ReadBytes(ref reader, wire, "NormalizerSpec.precompiled_charsmap").ToArray() };
                    break;
                case 3:
                    spec = spec with { AddDummyPrefix = ReadVarint(ref reader, wire, "NormalizerSpec.add_dummy_prefix") != 0 };
                    break;
                case 4:
                    spec = spec with { RemoveExtraWhitespaces = ReadVarint(ref reader, wire, "NormalizerSpec.remove_extra_whitespaces") != 0 };
                    break;
                case 5:
                    spec = spec with { EscapeWhitespaces = ReadVarint(ref reader, wire, "NormalizerSpec.escape_whitespaces") != 0 };
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return spec;
    }

    private static ulong ReadVarint(ref ProtoWireReader reader, ProtoWireType wire, string name)
    {
        Expect(wire, ProtoWireType.Varint, name);
        return reader.ReadVarint();
    }

    private static ReadOnlySpan<byte> ReadBytes(ref ProtoWireReader reader, ProtoWireType wire, string name)
    {
        Expect(wire, ProtoWireType.LengthDelimited, name);
        return reader.ReadLengthDelimited();
    }

    private static string ReadString(ref ProtoWireReader reader, ProtoWireType wire, string name) =>
        Encoding.UTF8.GetString(ReadBytes(ref reader, wire, name));

    private static void Expect(ProtoWireType actual, ProtoWireType expected, string name)
    {
        if (actual != expected)
        {
            throw new FormatException($"{name} has wire type {(int)actual}, expected {(int)expected}");
        }
    }
}
