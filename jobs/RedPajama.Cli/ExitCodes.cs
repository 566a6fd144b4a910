namespace RedPajama.Cli;

/// <summary>Process exit codes of <c>redpajama</c>.</summary>
public static class ExitCodes
{
    /// <summary>The run finished and every input was read.</summary>
    public const int Success = 0;

    /// <summary>The run could not start or failed (bad output directory, no input, unexpected error).</summary>
    public const int Failed = 1;

    /// <summary>The command line or configuration is invalid.</summary>
    public const int Usage = 2;

    /// <summary>The run finished, but some inputs were missing or unreadable (see <c>input_errors</c> in <c>_stats.json</c>).</summary>
    public const int InputErrors = 3;
}
