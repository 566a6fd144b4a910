namespace RedPajama.Udfs.FastText;

/// <summary>
/// The k best (score, label) pairs kept exactly as fastText keeps them: libstdc++'s <c>push_heap</c>,
/// <c>pop_heap</c> and <c>sort_heap</c> with fastText's comparator (<c>a.first &gt; b.first</c>, a min-heap), so
/// labels with equal scores come out in the same order as from <c>fasttext predict</c>.
/// </summary>
internal sealed class PredictionHeap(int capacity)
{
    private readonly List<(float Score, int Label)> _items = new(capacity + 1);

    public bool IsFull => _items.Count == capacity;

    /// <summary>The heap's front: the lowest kept score.</summary>
    public float Worst => _items[0].Score;

    /// <summary><c>push_back</c>, <c>push_heap</c>, and past k, <c>pop_heap</c> and <c>pop_back</c>.</summary>
    public void Push(float score, int label)
    {
        _items.Add((score, label));
        SiftUp(_items.Count - 1, 0, (score, label));
        if (_items.Count > capacity)
        {
            PopInto(_items.Count - 1);
            _items.RemoveAt(_items.Count - 1);
        }
    }

    /// <summary><c>sort_heap</c>: best score first.</summary>
    public (float Score, int Label)[] Sorted()
    {
        for (int last = _items.Count - 1; last > 0; last--)
        {
            PopInto(last);
        }

        return [.. _items];
    }

    private static bool Less((float Score, int Label) a, (float Score, int Label) b) => a.Score > b.Score;

    /// <summary><c>__pop_heap(first, last, result)</c> with result = last: the front moves to <paramref name="last"/>.</summary>
    private void PopInto(int last)
    {
        (float, int) value = _items[last];
        _items[last] = _items[0];
        AdjustHeap(0, last, value);
    }

    private void AdjustHeap(int hole, int length, (float Score, int Label) value)
    {
        int top = hole;
        int child = hole;
        while (child < (length - 1) / 2)
        {
            child = 2 * (child + 1);
            if (Less(_items[child], _items[child - 1]))
            {
                child--;
            }

            _items[hole] = _items[child];
            hole = child;
        }

        if ((length & 1) == 0 && child == (length - 2) / 2)
        {
            child = 2 * (child + 1);
            _items[hole] = _items[child - 1];
            hole = child - 1;
        }

        SiftUp(hole, top, value);
    }

    private void SiftUp(int hole, int top, (float Score, int Label) value)
    {
        int parent = (hole - 1) / 2;
        while (hole > top && Less(_items[parent], value))
        {
            _items[hole] = _items[parent];
            hole = parent;
            parent = (hole - 1) / 2;
        }

        _items[hole] = value;
    }
}
