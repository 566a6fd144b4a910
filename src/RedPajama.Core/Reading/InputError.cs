namespace RedPajama.Reading;

/// <summary>An input that could not be read (or not to its end); the run went on without the rest of it.</summary>
/// <param name="Path">The input path, or the <c>--input</c> argument that matched nothing.</param>
/// <param name="Error">What went wrong.</param>
/// <param name="RecordsRead">Records read from it before the error (they are counted and processed).</param>
public sealed record InputError(string Path, string Error, long RecordsRead);
