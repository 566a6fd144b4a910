using System.Text;
using System.Text.Json;
using RedPajama.Engine;
using RedPajama.Output;
using RedPajama.Reading;

namespace RedPajama.Cli;

/// <summary>
/// What the <c>dedup</c> subcommands share with <c>run</c>: inputs resolved by <see cref="InputResolver"/> and read
/// by <see cref="InputLineReader"/> (a truncated or unreadable input is an input error, its complete lines used),
/// an output apart from the inputs (<see cref="OutputPlacement"/>), written through <see cref="OutputCommitter"/>
/// so a failed run leaves the previous output as it was, and a balanced <c>_stats.json</c>.
/// </summary>
internal sealed class DedupJob : IDisposable
{
    /// <summary>The one part file dedup writes.</summary>
    public const string PartFileName = "part-00000.jsonl";

    private readonly IReadOnlyList<InputFile> _files;
    private readonly OutputCommitter _committer;
    private readonly TextWriter _error;
    private InputLineReader? _first;
    private long _firstKeyed;

    private DedupJob(IReadOnlyList<InputFile> files, OutputCommitter committer, TextWriter error)
    {
        _files = files;
        _committer = committer;
        _error = error;
    }

    /// <summary>The accounting, filled by the passes and the caller.</summary>
    public DedupStatistics Statistics { get; } = new();

    /// <summary>Resolves the inputs, checks the output's place and takes the output's lock.</summary>
    /// <param name="inputs">The <c>--input</c> arguments.</param>
    /// <param name="output">The <c>--output</c> directory.</param>
    /// <param name="error">Where warnings and errors go.</param>
    /// <param name="job">The started job, or null when the exit code is not success.</param>
    /// <returns>The exit code: success, or why the job cannot start.</returns>
    public static int TryStart(IReadOnlyList<string> inputs, string output, TextWriter error, out DedupJob? job)
    {
        job = null;
        if (CliInputs.Resolve(inputs, error) is not { } resolution)
        {
            return ExitCodes.Failed;
        }

        OutputCommitter committer;
        try
        {
            OutputPlacement.Check(output, inputs, resolution.Files);
        }
        catch (RunFailedException exception)
        {
            error.WriteLine($"redpajama: {exception.Message}");
            return ExitCodes.Usage;
        }

        try
        {
            committer = OutputCommitter.Begin(output, message => error.WriteLine($"redpajama: warning: {message}"));
        }
        catch (RunFailedException exception)
        {
            error.WriteLine($"redpajama: {exception.Message}");
            return ExitCodes.Failed;
        }

        job = new DedupJob(resolution.Files, committer, error);
        job.Statistics.InputErrors.AddRange(resolution.Problems);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The first pass: every non-blank line with the string value of <paramref name="field"/>, or a null key for a
    /// line that is skipped (reported, and counted in <see cref="Statistics"/>). Input errors are reported at its end.
    /// </summary>
    /// <param name="field">The JSON field whose string value is the key.</param>
    /// <returns>The lines and their keys.</returns>
    public IEnumerable<(InputLine Line, string? Key)> FirstPass(string field)
    {
        _first = new InputLineReader(_files);
        foreach (InputLine line in _first.ReadLines())
        {
            if (line.IsBlank)
            {
                continue;
            }

            Statistics.Read++;
            string? key = line.TooLong ? null : KeyOf(line.Bytes.Span, field);
            if (key is null)
            {
                string reason = line.TooLong ? ReadDropReasons.TooLarge : "malformed";
                Statistics.Drop(reason);
                _error.WriteLine(line.TooLong
                    ? $"redpajama: {line.File.Path}:{line.Number}: skipped: longer than {ReadLimits.Default.MaxLineBytes} bytes"
                    : $"redpajama: {line.File.Path}:{line.Number}: skipped: not a JSON object with a string '{field}'");
            }
            else
            {
                _firstKeyed++;
            }

            yield return (line, key);
        }

        CliInputs.Report(_first.Errors, _error);
        Statistics.InputErrors.AddRange(_first.Errors);
    }

    /// <summary>
    /// The second pass: the lines the first pass returned, again, with their keys (null for skipped lines), unreported.
    /// A file read up to a failure is read up to the same line.
    /// </summary>
    /// <param name="field">The key field.</param>
    /// <returns>The lines and their keys.</returns>
    /// <exception cref="IOException">An input changed between the passes.</exception>
    public IEnumerable<(InputLine Line, string? Key)> SecondPass(string field)
    {
        InputLineReader first = _first ?? throw new InvalidOperationException("the first pass has not run");
        var second = new InputLineReader(_files);
        long keyed = 0;
        foreach (InputLine line in second.ReadLines(first.LinesRead))
        {
            if (line.IsBlank)
            {
                continue;
            }

            string? key = line.TooLong ? null : KeyOf(line.Bytes.Span, field);
            keyed += key is null ? 0 : 1;
            yield return (line, key);
        }

        if (keyed != _firstKeyed || !second.LinesRead.SequenceEqual(first.LinesRead) || second.Errors.Count > 0)
        {
            string which = second.Errors.Count > 0 ? second.Errors[0].Path : "an input";
            throw new IOException($"{which} changed while dedup was reading it (the second pass did not see the lines of the first)");
        }
    }

    /// <summary>Creates the part file in the staging folder.</summary>
    /// <returns>The stream; the caller disposes it before <see cref="Commit"/>.</returns>
    public Stream CreatePart() =>
        new FileStream(Path.Combine(_committer.StagingDirectory, PartFileName), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>Writes <c>_stats.json</c>, replaces the previous output with the new one and prints the summary.</summary>
    /// <param name="output">Where the summary goes.</param>
    /// <param name="summary">The summary line.</param>
    /// <returns>Success, or input errors when an input was missing or failed.</returns>
    public int Commit(TextWriter output, string summary)
    {
        if (!Statistics.IsBalanced)
        {
            throw new InvalidOperationException(
                $"accounting does not balance: read {Statistics.Read} ≠ written {Statistics.Written} + dropped {Statistics.Dropped.Values.Sum()}");
        }

        File.WriteAllText(Path.Combine(_committer.StagingDirectory, OutputCommitter.StatisticsFileName), Statistics.ToJson(), new UTF8Encoding(false));
        _committer.Commit([PartFileName, OutputCommitter.StatisticsFileName]);
        output.WriteLine(summary);
        if (Statistics.InputErrors.Count > 0)
        {
            output.WriteLine($"input errors: {Statistics.InputErrors.Count} (see input_errors in {OutputCommitter.StatisticsFileName})");
            return ExitCodes.InputErrors;
        }

        return ExitCodes.Success;
    }

    /// <inheritdoc />
    public void Dispose() => _committer.Dispose();

    // The whole line must be one JSON object (as run's reader requires); invalid UTF-8 in the key fails too.
    private static string? KeyOf(ReadOnlySpan<byte> line, string field)
    {
        string? key = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            bool found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool wanted = !found && reader.ValueTextEquals(field);
                reader.Read();
                if (wanted)
                {
                    found = true;
                    key = reader.TokenType == JsonTokenType.String ? JsonStrings.Read(ref reader) : null;
                }

                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return null;
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            // InvalidOperationException: a string with invalid UTF-8, found only when it is decoded.
            return null;
        }

        return key;
    }
}
