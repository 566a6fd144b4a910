using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace RedPajama.Output;

/// <summary>
/// Who owns an output lock or a run's temporary folder: the process id, host and process start time, so a later
/// run can tell a live owner from a dead one (a pid alone can be reused by another process).
/// </summary>
/// <param name="Pid">The owner's process id.</param>
/// <param name="Host">The owner's host name.</param>
/// <param name="ProcessStart">When the owner process started (UTC).</param>
/// <param name="Acquired">When the owner took the lock or created the folder (UTC).</param>
public sealed record RunOwner(int Pid, string Host, DateTime ProcessStart, DateTime Acquired)
{
    /// <summary>
    /// How long an owner on another host stays presumed alive without refreshing its file. Owners refresh every
    /// <see cref="HeartbeatInterval"/>; a file untouched for this long belongs to a dead run.
    /// </summary>
    public static readonly TimeSpan RemoteExpiry = TimeSpan.FromMinutes(10);

    /// <summary>How often a live owner touches its file, so owners on other hosts can see it is alive.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMinutes(1);

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The current process.</summary>
    /// <returns>This process as an owner.</returns>
    public static RunOwner Current()
    {
        using Process self = Process.GetCurrentProcess();
        return new RunOwner(Environment.ProcessId, Environment.MachineName, self.StartTime.ToUniversalTime(), DateTime.UtcNow);
    }

    /// <summary>Reads an owner file; null when it is missing or not an owner file (a run killed while writing it).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The owner, or null.</returns>
    public static RunOwner? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RunOwner>(File.ReadAllText(path), JsonOptions);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The owner as the JSON an owner file holds.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>
    /// Whether the owner is still running. On this host: a process with its pid and start time exists. On another
    /// host, whose processes cannot be seen: its file was refreshed within <see cref="RemoteExpiry"/>.
    /// </summary>
    /// <param name="lastRefreshed">When the owner's file was last written (UTC).</param>
    /// <returns>True when the owner may still be running.</returns>
    public bool IsAlive(DateTime lastRefreshed)
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return DateTime.UtcNow - lastRefreshed < RemoteExpiry;
        }

        if (Pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using Process process = Process.GetProcessById(Pid);
            // Start times read at different moments can differ by clock ticks; a reused pid starts much later.
            return !process.HasExited && (process.StartTime.ToUniversalTime() - ProcessStart).Duration() < TimeSpan.FromSeconds(2);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>A description for messages: <c>pid 123 on host h since 2026-12-01 14:00:00Z</c>.</summary>
    /// <returns>The description.</returns>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"pid {Pid} on host {Host} since {Acquired:yyyy-MM-dd HH:mm:ss}Z");
}
