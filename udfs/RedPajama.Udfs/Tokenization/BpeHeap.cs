namespace RedPajama.Udfs.Tokenization;

/// <summary>
/// The agenda of candidate merges in SentencePiece's BPE (bpe_model.cc): the highest piece score first and,
/// between equal scores, the leftmost pair first — the tie rule that other BPE implementations get wrong.
/// </summary>
internal sealed class BpeHeap
{
    private float[] _scores = new float[256];
    private int[] _lefts = new int[256];
    private int[] _rights = new int[256];
    private int[] _sizes = new int[256];
    private int[] _merged = new int[256];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Push(float score, int left, int right, int size, int merged)
    {
        if (Count == _scores.Length)
        {
            int capacity = Count * 2;
            Array.Resize(ref _scores, capacity);
            Array.Resize(ref _lefts, capacity);
            Array.Resize(ref _rights, capacity);
            Array.Resize(ref _sizes, capacity);
            Array.Resize(ref _merged, capacity);
        }

        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Before(score, left, _scores[parent], _lefts[parent]))
            {
                break;
            }

            Move(parent, i);
            i = parent;
        }

        Set(i, score, left, right, size, merged);
    }

    public void Pop(out int left, out int right, out int size, out int merged)
    {
        left = _lefts[0];
        right = _rights[0];
        size = _sizes[0];
        merged = _merged[0];
        int last = --Count;
        if (last == 0)
        {
            return;
        }

        float score = _scores[last];
        int lastLeft = _lefts[last];
        int lastRight = _rights[last];
        int lastSize = _sizes[last];
        int lastMerged = _merged[last];
        int i = 0;
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= last)
            {
                break;
            }

            if (child + 1 < last && Before(_scores[child + 1], _lefts[child + 1], _scores[child], _lefts[child]))
            {
                child++;
            }

            if (!Before(_scores[child], _lefts[child], score, lastLeft))
            {
                break;
            }

            Move(child, i);
            i = child;
        }

        Set(i, score, lastLeft, lastRight, lastSize, lastMerged);
    }

    private static bool Before(float score, int left, float otherScore, int otherLeft) =>
        score > otherScore || (score == otherScore && left < otherLeft);

    private void Move(int from, int to)
    {
        _scores[to] = _scores[from];
        _lefts[to] = _lefts[from];
        _rights[to] = _rights[from];
        _sizes[to] = _sizes[from];
        _merged[to] = _merged[from];
    }

    private void Set(int i, float score, int left, int right, int size, int merged)
    {
        _scores[i] = score;
        _lefts[i] = left;
        _rights[i] = right;
        _sizes[i] = size;
        _merged[i] = merged;
    }
}
