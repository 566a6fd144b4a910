using System.Diagnostics;

namespace RedPajama.Tests.Support;

/// <summary>The <c>redpajama</c> command as a separate process (for signals and kill -9), from the test binaries.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private CliProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public static CliProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "redpajama.dll"));
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("redpajama did not start"));
    }

    /// <summary>Sends a signal (TERM, INT, KILL) with the system's kill command.</summary>
    public void Signal(string name)
    {
        using Process kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the exit; returns the exit code and what the command printed on standard error.</summary>
    public (int Code, string Stderr) WaitForExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            _process.Kill();
            throw new TimeoutException("redpajama did not exit within 2 minutes");
        }

        return (_process.ExitCode, _stderr.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
