using System.Diagnostics;

namespace RedPajama.Cli;

/// <summary>Runs a reference tool (spm_encode, fasttext, upstream Python) for the bench commands and returns what it printed.</summary>
internal static class ReferenceTool
{
    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/> and waits for it.</summary>
    /// <param name="executable">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="captureOutput">Keep standard output (otherwise it is read and discarded).</param>
    /// <param name="standardInput">A file to feed to its standard input, or null for none.</param>
    /// <returns>Standard output, or empty when not captured.</returns>
    /// <exception cref="InvalidOperationException">It did not start or exited with an error (its standard error in the message).</exception>
    public static byte[] Run(string executable, IEnumerable<string> arguments, bool captureOutput = true, string? standardInput = null) =>
        Run(executable, arguments, captureOutput, standardInput, out _);

    /// <summary>Runs <paramref name="executable"/> and returns what it printed, and its standard error.</summary>
    /// <param name="executable">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="captureOutput">Keep standard output (otherwise it is read and discarded).</param>
    /// <param name="standardInput">A file to feed to its standard input, or null for none.</param>
    /// <param name="standardError">What it printed on standard error.</param>
    /// <returns>Standard output, or empty when not captured.</returns>
    /// <exception cref="InvalidOperationException">It did not start or exited with an error (its standard error in the message).</exception>
    public static byte[] Run(string executable, IEnumerable<string> arguments, bool captureOutput, string? standardInput, out string standardError)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = standardInput is not null, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        Task<string> errors = process.StandardError.ReadToEndAsync();
        Task feeding = standardInput is null ? Task.CompletedTask : Task.Run(() =>
        {
            using (FileStream file = File.OpenRead(standardInput))
            {
                file.CopyTo(process.StandardInput.BaseStream);
            }

            process.StandardInput.Close();
        });
        using var captured = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(captureOutput ? captured : Stream.Null);
        process.WaitForExit();
        feeding.GetAwaiter().GetResult();
        standardError = errors.Result;
        return process.ExitCode == 0
            ? captured.ToArray()
            : throw new InvalidOperationException($"{executable} exited with {process.ExitCode}: {errors.Result.Trim()}");
    }

    /// <summary>
    /// Runs a shell command (its output discarded) and measures it as bash's <c>time</c> does: wall seconds and the CPU
    /// seconds (user + system) of the command and every process it waited for, so a reference that forks is counted whole.
    /// </summary>
    /// <param name="command">The command, as typed in bash.</param>
    /// <param name="error">Receives the command's standard error when it fails.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Wall and CPU seconds.</returns>
    /// <exception cref="InvalidOperationException">It exited with an error.</exception>
    public static async Task<(double Wall, double Cpu)> TimeShellAsync(string command, TextWriter error, CancellationToken cancellationToken)
    {
        // TIMEFORMAT makes bash print "real user sys" on its own standard error, after the command's.
        string timing = await Task.Run(
            () =>
            {
                Run("bash", ["-c", $"TIMEFORMAT='@@time %R %U %S'; time ( {command} ) > /dev/null"], captureOutput: false, standardInput: null, out string printed);
                return printed;
            },
            cancellationToken).ConfigureAwait(false);
        string? line = timing.Split('\n').LastOrDefault(l => l.StartsWith("@@time ", StringComparison.Ordinal));
        if (line is null)
        {
            await error.WriteLineAsync($"redpajama: the reference printed no timing: {timing.Trim()}").ConfigureAwait(false);
            return (double.NaN, double.NaN);
        }

        double[] seconds = [.. line["@@time ".Length..].Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        return (seconds[0], seconds[1] + seconds[2]);
    }
}
