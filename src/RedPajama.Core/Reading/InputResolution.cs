namespace RedPajama.Reading;

/// <summary>The result of resolving <c>--input</c> arguments.</summary>
/// <param name="Files">Input files, sorted, indexed from 0.</param>
/// <param name="Problems">One entry per argument that named nothing readable.</param>
public sealed record InputResolution(IReadOnlyList<InputFile> Files, IReadOnlyList<InputError> Problems);
