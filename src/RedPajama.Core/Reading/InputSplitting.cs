namespace RedPajama.Reading;

/// <summary>
/// Expands a run's inputs into the units the engines read: a file the reader splits (<see cref="IInputSplitter"/>)
/// becomes one input per range, in file order; inputs are renumbered by position, so order keys still follow the
/// input list and then the file. The split depends on the file and the reader's settings only (never on threads or
/// engine), so both engines read the same units and give the same order keys.
/// </summary>
public static class InputSplitting
{
    /// <summary>Splits what <paramref name="reader"/> splits among <paramref name="inputs"/>.</summary>
    /// <param name="inputs">The run's inputs, indexed by position.</param>
    /// <param name="reader">The pipeline's reader; one that is no <see cref="IInputSplitter"/> splits nothing.</param>
    /// <param name="localPath">The local path of an input this process and the run's readers can open by path, or
    /// null for one that is read whole (a URL, a directory, a file on a filesystem only Spark reaches).</param>
    /// <param name="warn">Where a file that could not be examined is reported (it is then read whole).</param>
    /// <returns>The inputs, the split ones replaced by their ranges (<see cref="InputFile.Range"/>, read by local path).</returns>
    public static IReadOnlyList<InputFile> Split(IReadOnlyList<InputFile> inputs, IDocumentReader reader, Func<InputFile, string?> localPath, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(localPath);
        if (reader is not IInputSplitter splitter)
        {
            return inputs;
        }

        var units = new List<InputFile>(inputs.Count);
        foreach (InputFile input in inputs)
        {
            IReadOnlyList<InputRange> ranges = [];
            if (input.Range is null && localPath(input) is { } path)
            {
                try
                {
                    ranges = splitter.Split(path);
                }
                catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    warn?.Invoke($"{input.Path}: read whole, not in ranges: {InputError.Describe(exception)}");
                }

                if (ranges.Count >= 2)
                {
                    int first = units.Count;
                    units.AddRange(ranges.Select((range, k) => new InputFile(first + k, path, range.Length, input.Listed, range)));
                    continue;
                }
            }

            units.Add(input with { Index = units.Count });
        }

        return units;
    }

    /// <summary>The local path of an input the local engine opens by path (a file, not a URL or a directory), else null.</summary>
    /// <param name="input">An input.</param>
    /// <returns>Its path, or null.</returns>
    public static string? LocalFile(InputFile input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return !InputStreams.IsUrl(input.Path) && File.Exists(input.Path) ? input.Path : null;
    }
}
