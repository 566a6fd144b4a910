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

    /// <summary>Stopped by Ctrl+C (SIGINT) after removing its temporary files: 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM after removing its temporary files: 128 + 15.</summary>
    public const int Terminated = 143;
}
