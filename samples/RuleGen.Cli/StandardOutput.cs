using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace RuleGen.Cli;

/// <summary>The process's standard output as a stream that reports a closed pipe.</summary>
internal static class StandardOutput
{
    /// <summary>The stream <see cref="Open"/> returned, so a scan can tell the real stdout from a test's stream.</summary>
    public static Stream? Opened { get; private set; }

    /// <summary>
    /// .NET's console stream pretends that a write to a closed pipe succeeded (EPIPE), so `rulegen scan … | head -1`
    /// would scan every input to its end writing into nothing. On Unix, when descriptor 1 is a pipe or a socket, it is
    /// wrapped in a FileStream instead (no buffer of its own: the alert writer buffers), which throws on EPIPE, and
    /// the scan stops. Not when it is seekable (a file): a FileStream writes at the offset it tracks itself, and would
    /// overwrite what stderr wrote to the same file (`&gt; out 2&gt;&amp;1`); a file has no reader to go away anyway.
    /// </summary>
    public static Stream Open()
    {
        Stream stream = Console.OpenStandardOutput();
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var pipe = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
                if (pipe.CanSeek) pipe.Dispose();
                else stream = pipe;
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                // Descriptor 1 closed or not writable: the console stream copes with that as it always has.
            }
        }
        Opened = stream;
        return stream;
    }

    /// <summary>A person is reading <paramref name="stream"/> on a terminal, so alerts go out as they are found.</summary>
    public static bool IsTerminal(Stream stream) => ReferenceEquals(stream, Opened) && !Console.IsOutputRedirected;
}
