namespace RedPajama.Reading;

/// <summary>The result of resolving <c>--input</c> arguments.</summary>
/// <param name="Files">Input files, sorted, indexed from 0.</param>
/// <param name="Problems">One entry per argument that named nothing readable.</param>
public sealed record InputResolution(IReadOnlyList<InputFile> Files, IReadOnlyList<InputError> Problems)
{
    /// <summary>
    /// The files whose documents are written, as <see cref="InputFile.Index"/> bounds (start inclusive, end exclusive):
    /// every file, except when a shard with <see cref="InputShard.HashInMem"/> &gt; 1 reads its whole group for
    /// paragraph dedup and writes only its own range.
    /// </summary>
    public (int Start, int End)? WrittenInputs { get; init; }
}
