using RedPajama.Cli;

namespace RedPajama.Tests.Support;

/// <summary>Runs the <c>redpajama</c> command in process and captures what it printed.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Stdout, string Stderr)> Invoke(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await RedPajamaCommand.InvokeAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
