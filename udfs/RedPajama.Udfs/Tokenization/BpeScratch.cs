namespace RedPajama.Udfs.Tokenization;

/// <summary>Per-thread working arrays of <see cref="BpeSegmenter"/>: the symbol list and the merge agenda.</summary>
internal sealed class BpeScratch
{
    public int[] Starts { get; private set; } = new int[128];

    public int[] Lengths { get; private set; } = new int[128];

    public int[] Previous { get; private set; } = new int[128];

    public int[] Next { get; private set; } = new int[128];

    public bool[] Frozen { get; private set; } = new bool[128];

    public int[] Ids { get; private set; } = new int[128];

    public BpeHeap Agenda { get; } = new();

    public List<(int Start, int Size, int LeftSize)> ReverseMerges { get; } = [];

    public void EnsureSymbols(int count)
    {
        if (Starts.Length >= count)
        {
            return;
        }

        int size = Math.Max(count, Starts.Length * 2);
        Starts = new int[size];
        Lengths = new int[size];
        Previous = new int[size];
        Next = new int[size];
        Frozen = new bool[size];
        Ids = new int[size];
    }
}
