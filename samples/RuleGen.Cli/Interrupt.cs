using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace RuleGen.Cli;

/// <summary>
/// SIGINT (Ctrl-C) as a cancellation, while a scan runs: the scan stops between documents, writes the alerts it
/// found, prints its summary and exits 130. A second SIGINT is left to the default action, which ends the process
/// at once, for a scan that does not stop soon enough.
/// </summary>
internal sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration? _registration;

    public Interrupt()
    {
        try
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                if (_source.IsCancellationRequested) return;
                context.Cancel = true;
                _source.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            // No signals here (a browser, a mobile OS): Ctrl-C keeps its default action.
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _registration?.Dispose();
        _source.Dispose();
    }
}
