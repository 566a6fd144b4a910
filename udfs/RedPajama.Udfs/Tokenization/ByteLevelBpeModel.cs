namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// The BPE model of a byte-level <c>tokenizer.json</c>: each byte of a pre-token starts as its own symbol, then the
/// adjacent pair of lowest merge rank is merged, leftmost first among equal ranks (the HuggingFace library's
/// <c>Word::merge_all</c> order), until no pair has a merge. Immutable, so shared by all threads.
/// </summary>
internal sealed class ByteLevelBpeModel
{
    private readonly int[] _byteIds = new int[256];
    private readonly LongIntMap _ranks;
    private readonly int[] _mergedIds;

    /// <param name="byteIds">The id of the one-character token of each byte.</param>
    /// <param name="merges">The merges in rank order: left id, right id, merged id.</param>
    public ByteLevelBpeModel(ReadOnlySpan<int> byteIds, IReadOnlyList<(int Left, int Right, int Merged)> merges)
    {
        byteIds.CopyTo(_byteIds);
        _mergedIds = new int[merges.Count];
        var ranks = new Dictionary<long, int>(merges.Count);
        for (int rank = 0; rank < merges.Count; rank++)
        {
            (int left, int right, int merged) = merges[rank];
            _mergedIds[rank] = merged;

            // A pair listed twice keeps its first rank.
            ranks.TryAdd(Key(left, right), rank);
        }

        _ranks = new LongIntMap(ranks);
    }

    /// <summary>Appends the ids of the pre-token <paramref name="word"/> (its UTF-8 bytes) to <paramref name="ids"/>.</summary>
    public void Encode(ReadOnlySpan<byte> word, List<int> ids, ByteLevelScratch scratch)
    {
        if (word.Length == 1)
        {
            ids.Add(_byteIds[word[0]]);
            return;
        }

        scratch.EnsureSymbols(word.Length);
        int[] symbols = scratch.Symbols;
        int[] pairRanks = scratch.PairRanks;
        int count = word.Length;
        for (int i = 0; i < count; i++)
        {
            symbols[i] = _byteIds[word[i]];
        }

        if (count <= LinearLimit)
        {
            MergeLinear(symbols, pairRanks, count, ids);
        }
        else
        {
            MergeWithHeap(symbols, count, ids, scratch);
        }
    }

    /// <summary>Words up to this many bytes find their best pair by a scan, longer ones through a heap.</summary>
    private const int LinearLimit = 48;

    private void MergeLinear(int[] symbols, int[] pairRanks, int count, List<int> ids)
    {
        // pairRanks[i]: the rank of merging symbols i and i + 1, or int.MaxValue. Symbols are kept compact.
        for (int i = 0; i < count - 1; i++)
        {
            pairRanks[i] = Rank(symbols[i], symbols[i + 1]);
        }

        while (count > 1)
        {
            int best = -1;
            int bestRank = int.MaxValue;
            for (int i = 0; i < count - 1; i++)
            {
                // Strictly lower: the leftmost pair wins a tie.
                if (pairRanks[i] < bestRank)
                {
                    bestRank = pairRanks[i];
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            symbols[best] = _mergedIds[bestRank];
            count--;
            Array.Copy(symbols, best + 2, symbols, best + 1, count - best - 1);
            Array.Copy(pairRanks, best + 2, pairRanks, best + 1, Math.Max(0, count - best - 2));
            if (best > 0)
            {
                pairRanks[best - 1] = Rank(symbols[best - 1], symbols[best]);
            }

            if (best < count - 1)
            {
                pairRanks[best] = Rank(symbols[best], symbols[best + 1]);
            }
        }

        for (int i = 0; i < count; i++)
        {
            ids.Add(symbols[i]);
        }
    }

    private void MergeWithHeap(int[] symbols, int count, List<int> ids, ByteLevelScratch scratch)
    {
        // A linked list of symbols; a symbol merged into its left neighbour gets length 0. The heap orders candidate
        // pairs by rank, then by left position; an entry whose symbols changed since it was pushed is skipped, which
        // the summed length detects (a symbol only ever grows by absorbing its right neighbour).
        int[] lengths = scratch.Lengths;
        int[] previous = scratch.Previous;
        int[] next = scratch.Next;
        for (int i = 0; i < count; i++)
        {
            lengths[i] = 1;
            previous[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
        }

        BpeHeap heap = scratch.Heap;
        heap.Clear();
        for (int i = 0; i + 1 < count; i++)
        {
            Push(heap, symbols, lengths, i, i + 1);
        }

        while (heap.Count > 0)
        {
            heap.Pop(out int left, out int right, out int size, out int merged);
            if (lengths[left] == 0 || lengths[right] == 0 || lengths[left] + lengths[right] != size)
            {
                continue;
            }

            symbols[left] = merged;
            lengths[left] = size;
            lengths[right] = 0;
            int after = next[right];
            next[left] = after;
            if (after >= 0)
            {
                previous[after] = left;
                Push(heap, symbols, lengths, left, after);
            }

            if (previous[left] >= 0)
            {
                Push(heap, symbols, lengths, previous[left], left);
            }
        }

        for (int i = 0; i >= 0; i = next[i])
        {
            ids.Add(symbols[i]);
        }
    }

    private void Push(BpeHeap heap, int[] symbols, int[] lengths, int left, int right)
    {
        int rank = Rank(symbols[left], symbols[right]);
        if (rank != int.MaxValue)
        {
            // BpeHeap pops the highest score first; ranks below 2^24 are exact as floats.
            heap.Push(-rank, left, right, lengths[left] + lengths[right], _mergedIds[rank]);
        }
    }

    private int Rank(int left, int right)
    {
        int rank = _ranks.Find(Key(left, right));
        return rank < 0 ? int.MaxValue : rank;
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
