using RedPajama.Reading;
using RedPajama.Sources;

namespace RedPajama.Cli;

/// <summary>Resolves <c>--input</c> arguments for a command and reports what matched nothing.</summary>
internal static class CliInputs
{
    /// <summary>Resolves the arguments; warns about each that matched nothing.</summary>
    /// <returns>The resolution, or null (after an error message) when there is no input file at all.</returns>
    public static async Task<InputResolution?> ResolveAsync(string source, IReadOnlyList<string> arguments, TextWriter error)
    {
        InputResolution inputs = InputResolver.Resolve(arguments, SourceCatalog.InputFilter(source));
        foreach (InputError problem in inputs.Problems)
        {
            await error.WriteLineAsync($"redpajama: warning: input '{problem.Path}' {problem.Error}").ConfigureAwait(false);
        }

        if (inputs.Files.Count == 0)
        {
            await error.WriteLineAsync("redpajama: no input files to read").ConfigureAwait(false);
            return null;
        }

        return inputs;
    }
}
