namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// SentencePiece's normaliser (normalizer.cc) over UTF-8 bytes: user-defined symbols pass through, the
/// precompiled charsmap rewrites the longest matching prefix, malformed bytes become U+FFFD one at a time,
/// then whitespace is trimmed, collapsed and escaped as the spec says.
/// </summary>
internal sealed class SentencePieceNormalizer
{
    private readonly NormalizerSpec _spec;
    private readonly bool _treatWhitespaceAsSuffix;
    private readonly ByteTrie? _userSymbols;
    private readonly DoubleArrayTrie? _charsMap;
    private readonly byte[] _replacements = [];

    /// <param name="spec">The normaliser settings.</param>
    /// <param name="treatWhitespaceAsSuffix">Puts the dummy whitespace after the text instead of before it.</param>
    /// <param name="userSymbols">User-defined symbols, which are never normalised; null or empty for none.</param>
    /// <exception cref="FormatException">The precompiled charsmap is malformed.</exception>
    public SentencePieceNormalizer(NormalizerSpec spec, bool treatWhitespaceAsSuffix, ByteTrie? userSymbols)
    {
        _spec = spec;
        _treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
        _userSymbols = userSymbols is { IsEmpty: false } ? userSymbols : null;
        ReadOnlySpan<byte> blob = spec.PrecompiledCharsMap;
        if (!blob.IsEmpty)
        {
            // <trie size: uint32 LE><double-array units><NUL-terminated replacement strings>
            if (blob.Length <= 4)
            {
                throw new FormatException("the precompiled charsmap is too short");
            }

            uint trieSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(blob);
            if (trieSize >= (uint)(blob.Length - 4))
            {
                throw new FormatException($"the precompiled charsmap says its trie has {trieSize} bytes but holds only {blob.Length - 4}");
            }

            _charsMap = new DoubleArrayTrie(blob.Slice(4, (int)trieSize));
            _replacements = blob[(4 + (int)trieSize)..].ToArray();
        }

        IsPassThrough = _charsMap is null && _userSymbols is null && !spec.RemoveExtraWhitespaces;
    }

    /// <summary>True when only whitespace escaping, the dummy prefix and U+FFFD replacement apply (identity rule).</summary>
    public bool IsPassThrough { get; }

    /// <summary>Normalises <paramref name="input"/> into <paramref name="output"/> (cleared first).</summary>
    public void Normalize(ReadOnlySpan<byte> input, ByteBuffer output)
    {
        output.Clear();
        if (input.IsEmpty)
        {
            return;
        }

        if (IsPassThrough)
        {
            NormalizePassThrough(input, output);
            return;
        }

        bool removeExtra = _spec.RemoveExtraWhitespaces;
        int position = 0;
        if (removeExtra)
        {
            while (position < input.Length)
            {
                int consumed = NormalizePrefix(input[position..], out ReadOnlySpan<byte> replacement);
                if (!replacement.SequenceEqual(" "u8))
                {
                    break;
                }

                position += consumed;
            }

            if (position == input.Length)
            {
                return;
            }
        }

        output.Reserve(input.Length * 3);
        if (!_treatWhitespaceAsSuffix && _spec.AddDummyPrefix)
        {
            AppendWhitespace(output);
        }

        bool previousIsSpace = removeExtra;
        while (position < input.Length)
        {
            int consumed = NormalizePrefix(input[position..], out ReadOnlySpan<byte> piece);
            while (previousIsSpace && !piece.IsEmpty && piece[0] == (byte)' ')
            {
                piece = piece[1..];
            }

            if (!piece.IsEmpty)
            {
                foreach (byte b in piece)
                {
                    if (b == (byte)' ' && _spec.EscapeWhitespaces)
                    {
                        output.Append(SentencePieceUtf8.SpaceSymbol);
                    }
                    else
                    {
                        output.Append(b);
                    }
                }

                previousIsSpace = piece[^1] == (byte)' ';
            }

            position += consumed;
            if (!removeExtra)
            {
                previousIsSpace = false;
            }
        }

        if (removeExtra)
        {
            ReadOnlySpan<byte> space = _spec.EscapeWhitespaces ? SentencePieceUtf8.SpaceSymbol : " "u8;
            while (output.EndsWith(space))
            {
                output.Truncate(output.Length - space.Length);
            }
        }

        if (_treatWhitespaceAsSuffix && _spec.AddDummyPrefix)
        {
            AppendWhitespace(output);
        }
    }

    private void NormalizePassThrough(ReadOnlySpan<byte> input, ByteBuffer output)
    {
        output.Reserve(input.Length + (input.Length >> 2) + 8);
        if (!_treatWhitespaceAsSuffix && _spec.AddDummyPrefix)
        {
            AppendWhitespace(output);
        }

        bool escape = _spec.EscapeWhitespaces;
        int position = 0;
        while (position < input.Length)
        {
            byte b = input[position];
            if (b < 0x80)
            {
                if (b == (byte)' ' && escape)
                {
                    output.Append(SentencePieceUtf8.SpaceSymbol);
                }
                else
                {
                    output.Append(b);
                }

                position++;
                continue;
            }

            if (SentencePieceUtf8.TryDecode(input[position..], out int length))
            {
                output.Append(input.Slice(position, length));
            }
            else
            {
                output.Append(SentencePieceUtf8.ReplacementCharacter);
            }

            position += length;
        }

        if (_treatWhitespaceAsSuffix && _spec.AddDummyPrefix)
        {
            AppendWhitespace(output);
        }
    }

    /// <summary>Normalises the longest rule at the start of <paramref name="input"/>; returns the bytes it consumed.</summary>
    private int NormalizePrefix(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> replacement)
    {
        if (_userSymbols is not null)
        {
            int symbolLength = _userSymbols.LongestPrefix(input).Length;
            if (symbolLength > 0)
            {
                replacement = input[..symbolLength];
                return symbolLength;
            }
        }

        if (_charsMap is not null)
        {
            (int ruleLength, int value) = _charsMap.LongestPrefix(input);
            if (ruleLength > 0)
            {
                if ((uint)value >= (uint)_replacements.Length)
                {
                    throw new FormatException($"the precompiled charsmap points at replacement {value}, past its end ({_replacements.Length})");
                }

                ReadOnlySpan<byte> rest = _replacements.AsSpan(value);
                int end = rest.IndexOf((byte)0);
                replacement = end < 0 ? rest : rest[..end];
                return ruleLength;
            }
        }

        if (SentencePieceUtf8.TryDecode(input, out int length))
        {
            replacement = input[..length];
            return length;
        }

        replacement = SentencePieceUtf8.ReplacementCharacter;
        return 1;
    }

    private void AppendWhitespace(ByteBuffer output)
    {
        if (_spec.EscapeWhitespaces)
        {
            output.Append(SentencePieceUtf8.SpaceSymbol);
        }
        else
        {
            output.Append((byte)' ');
        }
    }
}
