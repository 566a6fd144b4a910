namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// Finds places in normalised text that no BPE merge can cross, so the text can be segmented one
/// word-like segment at a time (and repeated segments served from a cache) with exactly the result of
/// segmenting it whole. A merge only ever forms a vocabulary piece, so a boundary between characters a and b
/// is safe when no piece contains a immediately followed by b. Only boundaries at U+2581 are considered:
/// before a whitespace run (whitespace-as-prefix models) or after one (whitespace-as-suffix models).
/// </summary>
internal sealed class WhitespaceSegmenter
{
    private readonly bool _splitAfterWhitespace;
    private readonly HashSet<uint> _joinedCharacters = [];

    public WhitespaceSegmenter(Vocabulary vocabulary, bool treatWhitespaceAsSuffix)
    {
        _splitAfterWhitespace = treatWhitespaceAsSuffix;
        uint space = Pack(SentencePieceUtf8.SpaceSymbol);
        for (int id = 0; id < vocabulary.Count; id++)
        {
            if (!vocabulary.IsSegmentable(id))
            {
                continue;
            }

            ReadOnlySpan<byte> piece = vocabulary.PieceBytes(id);
            uint previous = 0;
            for (int position = 0; position < piece.Length;)
            {
                int length = Math.Min(SentencePieceUtf8.OneCharLength(piece[position]), piece.Length - position);
                uint current = Pack(piece.Slice(position, length));
                if (position > 0)
                {
                    // Prefix models: remember characters that some piece joins to a following ▁;
                    // suffix models: characters that some piece joins after a ▁.
                    if (!_splitAfterWhitespace && current == space && previous != space)
                    {
                        _joinedCharacters.Add(previous);
                    }
                    else if (_splitAfterWhitespace && previous == space && current != space)
                    {
                        _joinedCharacters.Add(current);
                    }
                }

                previous = current;
                position += length;
            }
        }
    }

    /// <summary>The first safe boundary after <paramref name="from"/>, or the end of the text.</summary>
    public int NextBoundary(ReadOnlySpan<byte> text, int from)
    {
        ReadOnlySpan<byte> space = SentencePieceUtf8.SpaceSymbol;
        int searchFrom = from + 1;
        while (searchFrom < text.Length)
        {
            int found = text[searchFrom..].IndexOf(space);
            if (found < 0)
            {
                return text.Length;
            }

            int at = searchFrom + found;
            if (_splitAfterWhitespace)
            {
                int after = at + space.Length;
                if (after < text.Length && !SentencePieceUtf8.StartsWithSpaceSymbol(text[after..])
                    && (_joinedCharacters.Count == 0 || !_joinedCharacters.Contains(CharacterAt(text, after))))
                {
                    return after;
                }
            }
            else if (!(at >= space.Length && SentencePieceUtf8.StartsWithSpaceSymbol(text[(at - space.Length)..]))
                && (_joinedCharacters.Count == 0 || !_joinedCharacters.Contains(CharacterBefore(text, at))))
            {
                return at;
            }

            searchFrom = at + space.Length;
        }

        return text.Length;
    }

    private static uint CharacterAt(ReadOnlySpan<byte> text, int position)
    {
        int length = Math.Min(SentencePieceUtf8.OneCharLength(text[position]), text.Length - position);
        return Pack(text.Slice(position, length));
    }

    private static uint CharacterBefore(ReadOnlySpan<byte> text, int position)
    {
        int start = position - 1;
        while (start > 0 && position - start < 4 && (text[start] & 0xC0) == 0x80)
        {
            start--;
        }

        return Pack(text[start..position]);
    }

    private static uint Pack(ReadOnlySpan<byte> character)
    {
        uint value = 0;
        foreach (byte b in character)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
