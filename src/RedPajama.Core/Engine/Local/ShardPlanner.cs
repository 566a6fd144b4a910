using RedPajama.Reading;

namespace RedPajama.Engine.Local;

/// <summary>
/// Groups consecutive input files into output shards of about a target size: a file at least that large is a shard
/// of its own, small files (single Gutenberg books) share one. Depends only on the sorted inputs and the target, so
/// part files are the same whatever the thread count.
/// </summary>
public static class ShardPlanner
{
    /// <summary>Plans the shards.</summary>
    /// <param name="inputs">Input files in order.</param>
    /// <param name="shardBytes">Target input bytes per shard.</param>
    /// <returns>Each shard's inputs, in order.</returns>
    public static IReadOnlyList<IReadOnlyList<InputFile>> Plan(IReadOnlyList<InputFile> inputs, long shardBytes)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var shards = new List<IReadOnlyList<InputFile>>();
        var current = new List<InputFile>();
        long size = 0;
        foreach (InputFile input in inputs)
        {
            if (current.Count > 0 && size + input.Length > shardBytes)
            {
                shards.Add(current);
                current = [];
                size = 0;
            }

            current.Add(input);
            size += input.Length;
        }

        if (current.Count > 0)
        {
            shards.Add(current);
        }

        return shards;
    }
}
