using System.Diagnostics;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Cli;

/// <summary>
/// The README installs the command as a symbolic link on the PATH to the published apphost; the build output the
/// tests run from has the same layout (apphost, assemblies and models/ side by side).
/// </summary>
public sealed class InstalledCommandTests
{
    [Fact]
    public void The_command_runs_through_a_link_in_another_folder_and_finds_its_bundled_models()
    {
        using var directory = new TemporaryDirectory();
        string bin = directory.Combine("bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "redpajama"), Path.Combine(AppContext.BaseDirectory, "redpajama"));
        var start = new ProcessStartInfo(Path.Combine(bin, "redpajama")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory.Path };
        foreach (string argument in (string[])["run", "books", "--input", TestData.SampleBooks, "--output", "out"])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        process.ExitCode.Should().Be(0, stderr);
        stdout.Should().Contain("wrote 5");
        File.Exists(directory.Combine("out", "_SUCCESS")).Should().BeTrue();
    }
}
