namespace RuleGen.Cli;

/// <summary>rulegen's exit codes, as the README lists them.</summary>
internal static class ExitCode
{
    /// <summary>Done; for a scan, every input was read to its end (malformed events included).</summary>
    public const int Ok = 0;

    /// <summary>A rule's own test failed (<c>rulegen test</c>), or a file could not be imported.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong; usage was printed.</summary>
    public const int Usage = 2;

    /// <summary>Some input could not be opened or read to its end; the others were scanned.</summary>
    public const int InputError = 3;

    /// <summary>Alerts could not be written (a full disk, an I/O error); a closed pipe is not an error.</summary>
    public const int OutputError = 4;

    /// <summary>Interrupted by SIGINT (Ctrl-C): 128 + 2, as a shell reports a process that SIGINT ended.</summary>
    public const int Interrupted = 130;
}
