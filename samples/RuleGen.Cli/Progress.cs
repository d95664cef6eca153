using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using RuleGen.Runtime;

namespace RuleGen.Cli;

/// <summary>A progress line on stderr, twice a second, only when stderr is a terminal.</summary>
internal sealed class Progress : IDisposable
{
    private readonly Scanner _scanner;
    private readonly Stopwatch _clock;
    private readonly TextWriter _stderr;
    private readonly Timer _timer;
    private readonly object _gate = new();
    private bool _shown;

    private Progress(Scanner scanner, Stopwatch clock, TextWriter stderr)
    {
        _scanner = scanner;
        _clock = clock;
        _stderr = stderr;
        _timer = new Timer(_ => Show(), null, 500, 500);
    }

    public static Progress? Start(Scanner scanner, Stopwatch clock, TextWriter stderr) =>
        Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error) ? null : new Progress(scanner, clock, stderr);

    private void Show()
    {
        ScanStatistics s = _scanner.Statistics;
        double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        lock (_gate)
        {
            _stderr.Write($"\r{s.Bytes / 1e6:F0} MB, {s.Events:N0} events, {s.Events / seconds:N0} events/s, {s.Alerts} alerts   ");
            _shown = true;
        }
    }

    /// <summary>Clears the line before something else is written to stderr.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (!_shown) return;
            _stderr.Write("\r" + new string(' ', 79) + "\r");
            _shown = false;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Clear();
    }
}
