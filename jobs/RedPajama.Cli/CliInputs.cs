using RedPajama.Configuration;
using RedPajama.Reading;
using RedPajama.Sources;

namespace RedPajama.Cli;

/// <summary>Resolves <c>--input</c> arguments for a command and reports what matched nothing or failed.</summary>
internal static class CliInputs
{
    /// <summary>Resolves the arguments; warns about each that matched nothing.</summary>
    /// <returns>The resolution, or null (after an error message) when there is no input file at all.</returns>
    public static Task<InputResolution?> ResolveAsync(string source, IReadOnlyList<string> arguments, TextWriter error) =>
        Task.FromResult(Resolve(arguments, error, new InputResolverOptions { Include = SourceCatalog.InputFilter(source), IncludeDirectory = SourceCatalog.DirectoryFilter(source) }));

    /// <summary>
    /// Resolves a run's arguments with the source's rules: its directory filter, its listings (CommonCrawl's
    /// <c>wet.paths.gz</c>, relative to its configured root) and the shard; warns about each argument that matched
    /// nothing and each malformed listing entry.
    /// </summary>
    /// <returns>The resolution, or null (after an error message) when there is no input file at all.</returns>
    public static Task<InputResolution?> ResolveAsync(string source, IReadOnlyList<string> arguments, TextWriter error, RunConfig config, InputShard? shard) =>
        Task.Run(() => Resolve(arguments, error, SourceCatalog.InputOptions(source, config, shard)));

    /// <summary>Resolves the arguments of a command that reads lines itself (<see cref="InputLineReader"/>).</summary>
    /// <returns>The resolution, or null (after an error message) when there is no input file at all.</returns>
    public static InputResolution? Resolve(IReadOnlyList<string> arguments, TextWriter error, Func<string, bool>? include = null) =>
        Resolve(arguments, error, new InputResolverOptions { Include = include });

    private static InputResolution? Resolve(IReadOnlyList<string> arguments, TextWriter error, InputResolverOptions options)
    {
        InputResolution inputs = InputResolver.Resolve(arguments, options);
        foreach (InputError problem in inputs.Problems)
        {
            error.WriteLine($"redpajama: warning: input '{problem.Path}' {problem.Error}");
        }

        if (inputs.Files.Count == 0)
        {
            error.WriteLine(options.Shard is { } shard
                ? $"redpajama: no input files to read in shard {shard.Index} of {shard.Count}"
                : "redpajama: no input files to read");
            return null;
        }

        return inputs;
    }

    /// <summary>Reports inputs that failed part way as <c>redpajama: path: error</c>.</summary>
    /// <returns>True when there was any (the command then exits with <see cref="ExitCodes.InputErrors"/>).</returns>
    public static bool Report(IEnumerable<InputError> errors, TextWriter error)
    {
        bool any = false;
        foreach (InputError failure in errors)
        {
            error.WriteLine($"redpajama: {failure.Path}: {failure.Error} ({failure.RecordsRead} lines read before it are used)");
            any = true;
        }

        return any;
    }
}
