using System.Runtime.InteropServices;

namespace RedPajama.Cli;

/// <summary>
/// Turns SIGINT and SIGTERM into a cancellation of the running command, so a run removes its temporary files and
/// releases its lock before the process exits; a second signal, or one while no command runs, terminates at once.
/// </summary>
/// <remarks>
/// The signal registrations live as long as the process. System.CommandLine's own handler disposes its registration
/// when the command returns, and a signal still being handled at that moment then falls back to the default action:
/// a run that had cleaned up and returned 1 died of the signal (exit 130) instead, now and then.
/// </remarks>
internal static class TerminationSignals
{
    private static readonly object s_gate = new();
    private static readonly List<Listener> s_listeners = [];
    private static PosixSignalRegistration[]? s_registrations;

    /// <summary>Starts listening for the duration of a command.</summary>
    /// <returns>The listener; dispose it when the command has returned.</returns>
    public static Listener Listen()
    {
        lock (s_gate)
        {
            s_registrations ??=
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            ];
            var listener = new Listener();
            s_listeners.Add(listener);
            return listener;
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        lock (s_gate)
        {
            if (s_listeners.Count == 0 || s_listeners.Exists(l => l.Signal is not null))
            {
                // Nothing to clean up, or asked twice: the default action (terminate) goes ahead.
                return;
            }

            context.Cancel = true;
            foreach (Listener listener in s_listeners)
            {
                listener.Cancel(context.Signal);
            }
        }
    }

    /// <summary>One command's view of the signals.</summary>
    public sealed class Listener : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();

        /// <summary>Cancelled when a signal arrives.</summary>
        public CancellationToken Token => _cancellation.Token;

        /// <summary>The signal that cancelled the command, if any.</summary>
        public PosixSignal? Signal { get; private set; }

        /// <summary>The exit code for a command that stopped because of <see cref="Signal"/>.</summary>
        public int SignalExitCode => Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

        /// <inheritdoc />
        public void Dispose()
        {
            lock (s_gate)
            {
                s_listeners.Remove(this);
            }

            _cancellation.Dispose();
        }

        internal void Cancel(PosixSignal signal)
        {
            Signal = signal;
            _cancellation.Cancel();
        }
    }
}
