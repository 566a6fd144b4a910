using System.Diagnostics;
using System.Text.Json;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Notebooks;

/// <summary>
/// The exploration notebook runs top to bottom, headless, with dotnet-repl (installed into a temporary tool folder
/// when it is not on the machine): no cell fails, the signal histograms are drawn and dropped documents are listed.
/// </summary>
public sealed class NotebookTests
{
    private const string ReplVersion = "0.3.259";
    private const string CliOutput = "../../jobs/RedPajama.Cli/bin/Release/net10.0/";

    [Fact]
    public void Explore_a_shard_runs_top_to_bottom_on_the_sample_books()
    {
        string repository = TestData.RepositoryRoot;
        string folder = Path.Combine(repository, "docs", "notebooks");
        string notebook = Path.Combine(folder, "explore-a-shard.ipynb");
        using var directory = new TemporaryDirectory();

        // A Debug test run has no Release CLI build: point the notebook at this test's own output, which holds the
        // same library and its dependencies.
        if (!File.Exists(Path.Combine(folder, CliOutput, "RedPajama.Core.dll")))
        {
            string rewritten = directory.Combine("explore-a-shard.ipynb");
            File.WriteAllText(rewritten, File.ReadAllText(notebook).Replace(CliOutput, AppContext.BaseDirectory.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal));
            notebook = rewritten;
        }

        string executed = directory.Combine("executed.ipynb");
        (int exitCode, string log) = Run(Repl(directory), ["--run", notebook, "--exit-after-run", "--output-path", executed], folder);

        exitCode.Should().Be(0, log);
        string[] outputs = Outputs(executed);
        outputs.Should().NotContain(o => o.StartsWith("error", StringComparison.Ordinal) || o.Contains("error CS", StringComparison.Ordinal), log);
        outputs.Should().Contain(o => o.Contains("read 5, kept", StringComparison.Ordinal), "the sample books were run");
        outputs.Should().Contain(o => o.Contains("<svg", StringComparison.Ordinal) && o.Contains("rps_doc_word_count", StringComparison.Ordinal), "histograms are drawn");
        outputs.Should().Contain(o => o.Contains("gopher_", StringComparison.Ordinal) && o.Contains("Candide", StringComparison.Ordinal), "dropped documents are listed with their reason");
    }

    private static string[] Outputs(string path)
    {
        using JsonDocument notebook = JsonDocument.Parse(File.ReadAllText(path));
        var outputs = new List<string>();
        foreach (JsonElement cell in notebook.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (!cell.TryGetProperty("outputs", out JsonElement cellOutputs))
            {
                continue;
            }

            foreach (JsonElement output in cellOutputs.EnumerateArray())
            {
                outputs.Add(output.GetProperty("output_type").GetString() + ": " + output.GetRawText());
            }
        }

        return [.. outputs];
    }

    private static string Repl(TemporaryDirectory directory)
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string[] candidates =
        [
            .. (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Select(p => Path.Combine(p, "dotnet-repl")),
            Path.Combine(home, ".dotnet", "tools", "dotnet-repl"),
        ];
        if (candidates.FirstOrDefault(File.Exists) is { } found)
        {
            return found;
        }

        string tools = directory.Combine("tools");
        (int exitCode, string log) = Run("dotnet", ["tool", "install", "dotnet-repl", "--version", ReplVersion, "--tool-path", tools], directory.Path);
        exitCode.Should().Be(0, $"dotnet-repl {ReplVersion} is needed to run the notebook and could not be installed: {log}");
        return Path.Combine(tools, "dotnet-repl");
    }

    private static (int ExitCode, string Log) Run(string executable, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 4 minutes");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
