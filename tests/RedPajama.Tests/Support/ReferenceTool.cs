namespace RedPajama.Tests.Support;

/// <summary>
/// Finds a reference tool (fasttext, spm_encode, spm_decode) on PATH. A comparison with a tool that is missing fails
/// with what to install rather than passing without comparing: CI installs every tool (.ci/run), so a skip there would
/// let a difference land, and xunit 2.9 has no built-in dynamic skip (the tests that can compare with committed
/// golden files instead do so).
/// </summary>
internal static class ReferenceTool
{
    /// <summary>The tool's full path, or null when no PATH directory has it.</summary>
    public static string? Find(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The tool's full path; throws, naming the package, when it is missing.</summary>
    public static string Require(string name, string debianPackage) =>
        Find(name) ?? throw new InvalidOperationException(
            $"reference tool '{name}' is not on PATH: this test compares with it; install Debian's {debianPackage} package (.ci/run does)");
}
