namespace RedPajama.Udfs.FastText;

/// <summary>The buffers one example's features are built in.</summary>
internal sealed class FeatureScratch
{
    public List<int> Features { get; } = new(256);

    public List<int> WordHashes { get; } = new(64);

    public byte[] Bytes { get; } = new byte[1024];

    public void Clear()
    {
        Features.Clear();
        WordHashes.Clear();
    }
}
