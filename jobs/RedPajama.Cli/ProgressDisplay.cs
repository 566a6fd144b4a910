using System.Diagnostics;
using System.Globalization;
using RedPajama.Engine;

namespace RedPajama.Cli;

/// <summary>
/// Shows a run's progress: a live line rewritten in place on a terminal, a plain log line every ten seconds
/// otherwise (CI logs, redirected output).
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private readonly RunProgress _progress;
    private readonly TextWriter _writer;
    private readonly Stopwatch _clock;
    private readonly bool _live;
    private readonly Timer _timer;
    private int _lastWidth;
    private bool _stopped;

    public ProgressDisplay(RunProgress progress, TextWriter writer, Stopwatch clock)
    {
        _progress = progress;
        _writer = writer;
        _clock = clock;
        _live = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
        TimeSpan period = _live ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10);
        _timer = new Timer(_ => Show(), null, period, period);
    }

    public void Stop()
    {
        lock (_writer)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _timer.Dispose();
            if (_live && _lastWidth > 0)
            {
                _writer.Write("\r" + new string(' ', _lastWidth) + "\r");
            }
        }
    }

    public void Dispose() => Stop();

    private void Show()
    {
        lock (_writer)
        {
            if (_stopped)
            {
                return;
            }

            double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-6);
            string line = string.Create(
                CultureInfo.InvariantCulture,
                $"[{_progress.Phase}] files {_progress.InputsDone}/{_progress.InputsTotal}, docs {_progress.DocumentsRead} ({_progress.DocumentsRead / seconds:F0} docs/s, {_progress.BytesRead / 1e6 / seconds:F1} MB/s), dropped {_progress.Dropped}, written {_progress.Written}");
            if (_live)
            {
                _writer.Write("\r" + line.PadRight(_lastWidth));
                _lastWidth = line.Length;
            }
            else
            {
                _writer.WriteLine("redpajama: " + line);
            }
        }
    }
}
