namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// Reads the protobuf wire format (varints, fixed32/64, length-delimited fields) over a byte span.
/// Only what a SentencePiece ModelProto needs; every malformed input ends in <see cref="FormatException"/>.
/// </summary>
internal ref struct ProtoWireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtoWireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads the next tag; returns false at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out ProtoWireType wireType)
    {
        if (AtEnd)
        {
            fieldNumber = 0;
            wireType = ProtoWireType.Varint;
            return false;
        }

        ulong tag = ReadVarint();
        fieldNumber = checked((int)(tag >> 3));
        wireType = (ProtoWireType)(tag & 7);
        if (fieldNumber == 0)
        {
            throw new FormatException($"field number 0 at byte {_position}");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new FormatException("truncated varint");
            }

            byte b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException($"varint longer than 10 bytes at byte {_position}");
    }

    public float ReadFixed32AsFloat()
    {
        if (_data.Length - _position < 4)
        {
            throw new FormatException("truncated fixed32");
        }

        float value = BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(_data[_position..]));
        _position += 4;
        return value;
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new FormatException($"a field of {length} bytes runs past the end of its message ({_data.Length - _position} bytes left)");
        }

        ReadOnlySpan<byte> value = _data.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    public void Skip(ProtoWireType wireType)
    {
        switch (wireType)
        {
            case ProtoWireType.Varint:
                ReadVarint();
                break;
            case ProtoWireType.Fixed64:
                Advance(8);
                break;
            case ProtoWireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case ProtoWireType.Fixed32:
                Advance(4);
                break;
            default:
                throw new FormatException($"unsupported wire type {(int)wireType}");
        }
    }

    private void Advance(int count)
    {
        if (_data.Length - _position < count)
        {
            throw new FormatException("truncated field");
        }

        _position += count;
    }
}
