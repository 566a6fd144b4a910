using System.Diagnostics;

namespace RedPajama.Tests.Support;

/// <summary>Runs a reference tool (spm_encode, fasttext, python3) with bytes on standard input and returns its output.</summary>
internal static class ExternalTool
{
    public static byte[] Run(string executable, IReadOnlyList<string> arguments, byte[] input)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        Task<string> error = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} failed ({process.ExitCode}): {error.Result}");
        }

        return output.ToArray();
    }
}
