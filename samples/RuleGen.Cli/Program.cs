using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.IO;
using System.Text;

namespace RuleGen.Cli;

/// <summary>
/// rulegen: runs the rules compiled into this program over JSON event files (see README, "The CLI").
/// Alerts go to standard output as NDJSON, problems and the summary to standard error. Exit codes: see
/// <see cref="ExitCode"/>.
/// </summary>
public static class Program
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static int Main(string[] args) => Run(args, StandardOutput.Open(), Console.Error);

    /// <summary>The whole program with its outputs given: tests run it in-process.</summary>
    public static int Run(string[] args, Stream stdout, TextWriter stderr)
    {
        bool interactive = StandardOutput.IsTerminal(stdout);
        var output = new GuardedOutput(stdout);
        RootCommand root = RulegenCommand.Build(output, interactive, stderr);
        // Response files off: "@name" is a file to scan like any other, not a list of arguments.
        ParseResult parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        bool usageError = parsed.Action is ParseErrorAction;
        // Not disposed: after a write fault, disposing would flush again and throw a second fault.
        var help = new StreamWriter(output, Utf8, 4096, leaveOpen: true);
        try
        {
            int exit = parsed.Invoke(new InvocationConfiguration
            {
                // A usage error's help goes to stderr with the error; asked-for help (--help) is the output.
                Output = usageError ? stderr : help,
                Error = stderr,
                // Crashes are bugs: they keep their stack trace and the runtime's exit code, not exit 1 (a failed test).
                EnableDefaultExceptionHandler = false,
                // SIGINT is the scan's own business (Interrupt); no other command needs to outlive it.
                ProcessTerminationTimeout = null,
            });
            help.Flush();
            return usageError ? ExitCode.Usage : exit;
        }
        catch (OutputFaultException e)
        {
            if (e.ReaderClosed) return ExitCode.Ok;
            string what = parsed.CommandResult.Command.Name == "scan" ? "alerts" : "output";
            stderr.WriteLine($"rulegen: cannot write {what}: {e.Reason}");
            return ExitCode.OutputError;
        }
    }
}
