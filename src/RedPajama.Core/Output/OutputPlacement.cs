using RedPajama.Engine;
using RedPajama.Reading;

namespace RedPajama.Output;

/// <summary>
/// Refuses an output directory that overlaps the inputs, before anything is touched: output equal to an input
/// directory (its part files would be replaced while being read), inside one (the next run would read its own
/// output), or containing an input (the commit would replace or delete it).
/// </summary>
public static class OutputPlacement
{
    /// <summary>Checks the output against the input arguments and the files they resolved to.</summary>
    /// <param name="outputDirectory">The output directory.</param>
    /// <param name="inputArguments">The input arguments as given: files, directories or globs.</param>
    /// <param name="inputFiles">The files they resolved to.</param>
    /// <exception cref="RunFailedException">The output overlaps an input; the message names both.</exception>
    public static void Check(string outputDirectory, IEnumerable<string> inputArguments, IEnumerable<InputFile> inputFiles)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(inputArguments);
        ArgumentNullException.ThrowIfNull(inputFiles);
        string output = Normalise(outputDirectory);
        foreach (string argument in inputArguments)
        {
            if (InputStreams.IsUrl(argument))
            {
                continue;
            }

            bool directory = Directory.Exists(argument);
            int wildcard = directory ? -1 : argument.AsSpan().IndexOfAny("*?[");
            if (!directory && wildcard < 0)
            {
                continue;
            }

            // A glob's fixed part is the folder it searches; "**" searches all folders below it.
            string root = directory ? Normalise(argument) : Normalise(GlobRoot(argument, wildcard));
            bool recursive = directory || argument.Contains("**", StringComparison.Ordinal);
            if (output == root)
            {
                throw Overlap($"the output directory '{outputDirectory}' is the input '{argument}'");
            }

            if (recursive && IsInside(output, root))
            {
                throw Overlap($"the output directory '{outputDirectory}' is inside the input '{argument}', so a later run would read its own output");
            }

            if (IsInside(root, output))
            {
                throw Overlap($"the input '{argument}' is inside the output directory '{outputDirectory}'");
            }
        }

        foreach (InputFile file in inputFiles)
        {
            if (!InputStreams.IsUrl(file.Path) && IsInside(Normalise(file.Path), output))
            {
                throw Overlap($"the input file '{file.Path}' is inside the output directory '{outputDirectory}'");
            }
        }
    }

    private static RunFailedException Overlap(string what) =>
        new($"{what}: choose an output directory apart from the inputs (nothing was written)");

    private static string GlobRoot(string pattern, int wildcard)
    {
        int slash = pattern.LastIndexOf('/', Math.Max(0, wildcard - 1));
        return slash < 0 ? "." : slash == 0 ? "/" : pattern[..slash];
    }

    private static string Normalise(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static bool IsInside(string path, string directory) =>
        path.Length > directory.Length &&
        path.StartsWith(directory, StringComparison.Ordinal) &&
        (path[directory.Length] == Path.DirectorySeparatorChar || directory.EndsWith(Path.DirectorySeparatorChar));
}
