using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The rulegen program as a shell runs it, where behaviour depends on the OS: a closed pipe, a full disk, SIGINT.
/// The built CLI (rulegen.dll, copied beside the tests) runs under `dotnet`.
/// </summary>
public partial class CliTests
{
    private static readonly string Rulegen = "dotnet " + Quote(Path.Combine(AppContext.BaseDirectory, "rulegen.dll"));

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Runs a /bin/sh script; returns its exit code, stdout and stderr.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> Shell(string script)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using Process shell = Process.Start(start)!;
        Task<string> stderr = shell.StandardError.ReadToEndAsync();
        string stdout = await Within(shell, shell.StandardOutput.ReadToEndAsync(), "the script did not end: " + script);
        await Within(shell, shell.WaitForExitAsync(), "the script did not end: " + script);
        return (shell.ExitCode, stdout, await stderr);
    }

    /// <summary>A minute at most: a process that does not stop by itself fails the test instead of hanging it.</summary>
    private static async Task Within(Process process, Task task, string failure)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(failure);
        }
    }

    private static async Task<T> Within<T>(Process process, Task<T> task, string failure)
    {
        await Within(process, (Task)task, failure);
        return await task;
    }

    [Fact]
    public async Task AClosedStdoutEndsTheScanQuietlyWithExit0()
    {
        if (OperatingSystem.IsWindows()) return;
        string dir = Directory.CreateTempSubdirectory("rulegen-pipe-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "event.json"), EventFixtures.Compact(EventFixtures.RawPositive()));
            // An endless input: only a scan that stops when `head` goes away ever ends. rulegen's own exit code and
            // stderr are kept in files, as `set -o pipefail` would keep the code (sh has no pipefail). yes's own stderr
            // is dropped: it inherits the test host's ignored SIGPIPE, so it complains of the broken pipe rulegen left.
            var (_, stdout, stderr) = await Shell($$"""
                cd {{Quote(dir)}}
                { yes "$(cat event.json)" 2>/dev/null | {{Rulegen}} scan - 2>rulegen.err; echo $? >rulegen.rc; } | head -1
                """);
            Assert.Equal("", stderr);
            Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            JsonDocument.Parse(stdout);
            Assert.Equal("0", File.ReadAllText(Path.Combine(dir, "rulegen.rc")).Trim());
            Assert.Equal("", File.ReadAllText(Path.Combine(dir, "rulegen.err")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task AFullDiskIsOneLineAndExit4()
    {
        if (!OperatingSystem.IsLinux()) return;
        string file = Repository.Path("samples", "logs", "made-seed-ecs.ndjson");
        var (exit, stdout, stderr) = await Shell($"{Rulegen} scan {Quote(file)} >/dev/full");
        Assert.Equal(4, exit);
        Assert.Equal("", stdout);
        Assert.Equal("rulegen: cannot write alerts: No space left on device\n", stderr);
    }

    [Fact]
    public async Task SigintWritesWholeAlertLinesPrintsTheSummaryAndExits130()
    {
        if (OperatingSystem.IsWindows()) return;
        string dir = Directory.CreateTempSubdirectory("rulegen-sigint-").FullName;
        try
        {
            // 200 inputs that take seconds to scan in all; the scan is interrupted at its first alert.
            string events = string.Concat(Enumerable.Repeat(File.ReadAllText(Repository.Path("samples", "logs", "made-seed-ecs.ndjson")), 500));
            string input = Path.Combine(dir, "events.ndjson");
            File.WriteAllText(input, events);
            int perInput = Run("scan", input).Stdout.Count(c => c == '\n');

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rulegen.dll"));
            start.ArgumentList.Add("scan");
            for (int i = 0; i < 200; i++) start.ArgumentList.Add(input);
            using Process rulegen = Process.Start(start)!;
            Task<string> errors = rulegen.StandardError.ReadToEndAsync();
            string first = (await Within(rulegen, rulegen.StandardOutput.ReadLineAsync(), "rulegen wrote no alert"))!;
            using (Process kill = Process.Start("kill", $"-INT {rulegen.Id}")) await kill.WaitForExitAsync();
            string rest = await Within(rulegen, rulegen.StandardOutput.ReadToEndAsync(), "rulegen did not stop on SIGINT");
            await rulegen.WaitForExitAsync();
            string stderr = await errors;

            Assert.Equal(130, rulegen.ExitCode);
            Assert.Contains("rulegen: interrupted\n", stderr, StringComparison.Ordinal);
            Assert.Contains(" events in ", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
            string stdout = first + "\n" + rest;
            Assert.EndsWith("\n", stdout, StringComparison.Ordinal);
            string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, line => JsonDocument.Parse(line));
            // Stopped early: far fewer alerts than 200 inputs hold.
            Assert.InRange(lines.Length, 1, 20 * perInput);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
