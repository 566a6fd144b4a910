namespace RedPajama.Udfs.Tokenization;

/// <summary>Per-thread working arrays of <see cref="UnigramSegmenter"/>: the best path ending at each byte.</summary>
internal sealed class UnigramScratch
{
    public float[] BestScore { get; private set; } = new float[256];

    public int[] StartsAt { get; private set; } = new int[256];

    public int[] BestId { get; private set; } = new int[256];

    public void Reset(int positions)
    {
        if (BestScore.Length < positions)
        {
            int size = Math.Max(positions, BestScore.Length * 2);
            BestScore = new float[size];
            StartsAt = new int[size];
            BestId = new int[size];
        }

        BestScore.AsSpan(0, positions).Clear();
        StartsAt.AsSpan(0, positions).Fill(-1);
        BestId.AsSpan(0, positions).Fill(-1);
    }
}
