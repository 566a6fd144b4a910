namespace RedPajama.Udfs.FastText;

/// <summary>The k best (score, label) pairs, as fastText keeps them in a min-heap and sorts them best first.</summary>
internal sealed class PredictionHeap(int capacity)
{
    private readonly List<(float Score, int Label)> _items = new(capacity + 1);

    public bool IsFull => _items.Count == capacity;

    /// <summary>The lowest kept score (the heap's front).</summary>
    public float Worst
    {
        get
        {
            float worst = float.PositiveInfinity;
            foreach ((float score, _) in _items)
            {
                worst = Math.Min(worst, score);
            }

            return worst;
        }
    }

    public void Push(float score, int label)
    {
        _items.Add((score, label));
        if (_items.Count > capacity)
        {
            int worst = 0;
            for (int i = 1; i < _items.Count; i++)
            {
                if (_items[i].Score < _items[worst].Score)
                {
                    worst = i;
                }
            }

            _items.RemoveAt(worst);
        }
    }

    public (float Score, int Label)[] Sorted() => [.. _items.OrderByDescending(p => p.Score)];
}
