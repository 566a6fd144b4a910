namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// SentencePiece's BPE encoder (bpe_model.cc, <c>SampleEncode</c> without dropout): split into characters
/// (user-defined symbols whole and frozen), then repeatedly merge the adjacent pair whose concatenation is the
/// best-scoring piece, leftmost first on ties; pieces of type UNUSED are split back into the merges that made them.
/// </summary>
internal sealed class BpeSegmenter
{
    private readonly Vocabulary _vocabulary;
    private readonly ByteTrie? _userDefined;
    private readonly BpeMergeTable _merges;
    private readonly int[] _asciiIds = new int[128];

    public BpeSegmenter(Vocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _userDefined = vocabulary.UserDefined.IsEmpty ? null : vocabulary.UserDefined;
        _merges = new BpeMergeTable(vocabulary);
        for (int b = 0; b < 128; b++)
        {
            _asciiIds[b] = vocabulary.Segmentable.Find([(byte)b]);
        }
    }

    /// <summary>Segments <paramref name="text"/> and appends its pieces, offset by <paramref name="offset"/>, to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<byte> text, int offset, RawPieces output, BpeScratch scratch)
    {
        if (text.IsEmpty)
        {
            return;
        }

        scratch.EnsureSymbols(text.Length);
        int[] starts = scratch.Starts;
        int[] lengths = scratch.Lengths;
        int[] previous = scratch.Previous;
        int[] next = scratch.Next;
        bool[] frozen = scratch.Frozen;
        int[] ids = scratch.Ids;
        int count = 0;
        for (int position = 0; position < text.Length; count++)
        {
            int length = 0;
            bool freeze = false;
            if (_userDefined is not null)
            {
                length = _userDefined.LongestPrefix(text[position..]).Length;
                freeze = length > 0;
            }

            if (length == 0)
            {
                length = Math.Min(SentencePieceUtf8.OneCharLength(text[position]), text.Length - position);
            }

            starts[count] = position;
            lengths[count] = length;
            byte lead = text[position];
            ids[count] = freeze ? -1 : length == 1 && lead < 0x80 ? _asciiIds[lead] : _vocabulary.Segmentable.Find(text.Slice(position, length));
            frozen[count] = freeze;
            previous[count] = count - 1;
            position += length;
            next[count] = position < text.Length ? count + 1 : -1;
        }

        BpeHeap agenda = scratch.Agenda;
        agenda.Clear();
        scratch.ReverseMerges.Clear();
        for (int i = 1; i < count; i++)
        {
            MaybeAddPair(text, i - 1, i, scratch);
        }

        while (agenda.Count > 0)
        {
            agenda.Pop(out int left, out int right, out int size, out int merged);

            // Skip a pair made stale by an earlier merge on either side.
            if (lengths[left] == 0 || lengths[right] == 0 || lengths[left] + lengths[right] != size)
            {
                continue;
            }

            lengths[left] = size;
            ids[left] = merged;
            int after = next[right];
            next[left] = after;
            if (after >= 0)
            {
                previous[after] = left;
            }

            lengths[right] = 0;
            MaybeAddPair(text, previous[left], left, scratch);
            MaybeAddPair(text, left, next[left], scratch);
        }

        for (int i = 0; i != -1; i = next[i])
        {
            if (ids[i] >= 0 && !_vocabulary.HasUnusedPieces && !_vocabulary.HasShadowedPieces)
            {
                output.Add(offset + starts[i], lengths[i], ids[i]);
            }
            else
            {
                Resegment(text, starts[i], lengths[i], offset, output, scratch);
            }
        }
    }

    private void MaybeAddPair(ReadOnlySpan<byte> text, int left, int right, BpeScratch scratch)
    {
        if (left == -1 || right == -1 || scratch.Frozen[left] || scratch.Frozen[right])
        {
            return;
        }

        int start = scratch.Starts[left];
        int size = scratch.Lengths[left] + scratch.Lengths[right];
        int leftId = scratch.Ids[left];
        int rightId = scratch.Ids[right];

        // Both symbols are pieces almost always; a character outside the vocabulary needs the byte lookup.
        int id = leftId >= 0 && rightId >= 0 ? _merges.Find(leftId, rightId) : _vocabulary.Segmentable.Find(text.Slice(start, size));
        if (id < 0)
        {
            return;
        }

        scratch.Agenda.Push(_vocabulary.Score(id), left, right, size, id);
        if (_vocabulary.Kind(id) == PieceKind.Unused)
        {
            // SentencePiece remembers the split of the last pair pushed for each unused piece.
            scratch.ReverseMerges.Add((start, size, scratch.Lengths[left]));
        }
    }

    private void Resegment(ReadOnlySpan<byte> text, int start, int length, int offset, RawPieces output, BpeScratch scratch)
    {
        ReadOnlySpan<byte> piece = text.Slice(start, length);
        int id = _vocabulary.PieceToId(piece);
        if (_vocabulary.Kind(id) != PieceKind.Unused)
        {
            output.Add(offset + start, length, id);
            return;
        }

        List<(int Start, int Size, int LeftSize)> merges = scratch.ReverseMerges;
        for (int m = merges.Count - 1; m >= 0; m--)
        {
            (int mergeStart, int size, int leftSize) = merges[m];
            if (size == length && text.Slice(mergeStart, size).SequenceEqual(piece))
            {
                Resegment(text, start, leftSize, offset, output, scratch);
                Resegment(text, start + leftSize, length - leftSize, offset, output, scratch);
                return;
            }
        }

        output.Add(offset + start, length, id);
    }
}
