namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// SentencePiece's unigram encoder (unigram_model.cc, <c>EncodeOptimized</c>, the default since 0.1.96): a
/// Viterbi pass over byte positions keeping the best path ending at each one. Ties keep the earlier
/// candidate; scores mix float and double exactly as the C++ expression types do, so equal inputs give
/// equal paths.
/// </summary>
internal sealed class UnigramSegmenter
{
    private const float UnknownPenalty = 10.0f;

    private readonly Vocabulary _vocabulary;
    private readonly float _maxScore;
    private readonly float _unknownScore;

    public UnigramSegmenter(Vocabulary vocabulary)
    {
        _vocabulary = vocabulary;

        // FLT_MAX and FLT_MIN (the smallest normal float) are the C++ starting values.
        float minScore = float.MaxValue;
        float maxScore = 1.17549435E-38f;
        for (int id = 0; id < vocabulary.Count; id++)
        {
            if (vocabulary.Kind(id) == PieceKind.Normal)
            {
                minScore = Math.Min(minScore, vocabulary.Score(id));
                maxScore = Math.Max(maxScore, vocabulary.Score(id));
            }
        }

        _maxScore = maxScore;
        _unknownScore = minScore - UnknownPenalty;
    }

    /// <summary>Segments <paramref name="text"/> and appends its pieces to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<byte> text, RawPieces output, UnigramScratch scratch)
    {
        int size = text.Length;
        if (size == 0)
        {
            return;
        }

        scratch.Reset(size + 1);
        float[] bestScore = scratch.BestScore;
        int[] startsAt = scratch.StartsAt;
        int[] bestId = scratch.BestId;
        ByteTrie trie = _vocabulary.Segmentable;
        int unknownId = _vocabulary.UnknownId;
        for (int start = 0; start < size;)
        {
            float scoreTillHere = bestScore[start];
            bool hasSingleNode = false;
            int charLength = Math.Min(SentencePieceUtf8.OneCharLength(text[start]), size - start);
            int node = ByteTrie.Root;
            for (int end = start; end < size;)
            {
                node = trie.Next(node, text[end]);
                end++;
                if (node < 0)
                {
                    break;
                }

                int id = trie.ValueAt(node);
                if (id < 0)
                {
                    continue;
                }

                PieceKind kind = _vocabulary.Kind(id);
                if (kind == PieceKind.Unused)
                {
                    continue;
                }

                int length = end - start;

                // In C++ the conditional's type is double, so both branches are added in double precision.
                double score = kind == PieceKind.UserDefined
                    ? (double)((float)length * _maxScore) - 0.1
                    : _vocabulary.Score(id);
                double candidate = score + scoreTillHere;
                if (startsAt[end] == -1 || candidate > bestScore[end])
                {
                    bestScore[end] = (float)candidate;
                    startsAt[end] = start;
                    bestId[end] = id;
                }

                if (!hasSingleNode && length == charLength)
                {
                    hasSingleNode = true;
                }
            }

            if (!hasSingleNode)
            {
                int end = start + charLength;
                float candidate = _unknownScore + scoreTillHere;
                if (startsAt[end] == -1 || candidate > bestScore[end])
                {
                    bestScore[end] = candidate;
                    startsAt[end] = start;
                    bestId[end] = unknownId;
                }
            }

            start += charLength;
        }

        int first = output.Count;
        for (int end = size; end > 0; end = startsAt[end])
        {
            output.Add(startsAt[end], end - startsAt[end], bestId[end]);
        }

        output.ReverseFrom(first);
    }
}
