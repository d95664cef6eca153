using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Cli;
using Xunit;

namespace RuleGen.Tests;

/// <summary>The rulegen command line as a user meets it: exit codes, usage, alerts on stdout, problems on stderr.</summary>
public partial class CliTests
{
    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int exit = Program.Run(args, stdout, stderr);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "scna" }, "Unrecognized command or argument 'scna'")]
    [InlineData(new[] { "scan" }, "no input files")]
    [InlineData(new[] { "scan", "--thread", "2", "x.json" }, "unknown option '--thread'")]
    [InlineData(new[] { "scan", "x.json", "--threads" }, "Required argument missing for option: '--threads'")]
    [InlineData(new[] { "scan", "--threads", "0", "x.json" }, "--threads takes a number from 1 to 1024, found '0'")]
    [InlineData(new[] { "scan", "--threads", "1025", "x.json" }, "--threads takes a number from 1 to 1024")]
    [InlineData(new[] { "scan", "--threads", "two", "x.json" }, "--threads takes a number")]
    [InlineData(new[] { "scan", "x.json", "--rule" }, "Required argument missing for option: '--rule'")]
    [InlineData(new[] { "scan", "--rule", "no such rule", "x.json" }, "no rule with id or name 'no such rule'")]
    [InlineData(new[] { "scan", "--format", "xml", "x.json" }, "--format takes one of auto, ndjson, json, records, found 'xml'")]
    [InlineData(new[] { "scan", "--format", "NDJSON", "x.json" }, "--format takes one of")]
    [InlineData(new[] { "scan", "--max-event-size", "1000", "x.json" }, "--max-event-size takes a size from 1KiB to 1GiB (e.g. 64MiB), found '1000'")]
    [InlineData(new[] { "scan", "--max-event-size", "1025MiB", "x.json" }, "--max-event-size takes a size from 1KiB to 1GiB")]
    [InlineData(new[] { "scan", "--max-event-size", "2GB", "x.json" }, "--max-event-size takes a size")]
    [InlineData(new[] { "scan", "--max-event-size", "64XB", "x.json" }, "--max-event-size takes a size")]
    [InlineData(new[] { "scan", "--max-event-size", "-1", "x.json" }, "--max-event-size takes a size")]
    [InlineData(new[] { "scan", "--dataset", "", "x.json" }, "--dataset needs a data stream name")]
    [InlineData(new[] { "scan", "--dataset", "  ", "x.json" }, "--dataset needs a data stream name")]
    [InlineData(new[] { "scan", "--", "--weird", "x.json" }, "unknown option '--weird' (a file whose name starts with '-': ./--weird)")]
    [InlineData(new[] { "rules", "extra" }, "Unrecognized command or argument 'extra'")]
    [InlineData(new[] { "test", "extra" }, "Unrecognized command or argument 'extra'")]
    [InlineData(new[] { "import" }, "Required command was not provided")]
    [InlineData(new[] { "import", "elastic" }, "no TOML files or folders to import")]
    public void UsageErrorsPrintUsageAndExitWith2(string[] args, string message)
    {
        var (exit, stdout, stderr) = Run(args);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, System.StringComparison.Ordinal);
        Assert.Contains("Usage:", stderr, System.StringComparison.Ordinal);
        Assert.Contains("rulegen", stderr, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--help" }, "rulegen [command] [options]", "scan")]
    [InlineData(new[] { "-h" }, "rulegen [command] [options]", "import")]
    [InlineData(new[] { "scan", "--help" }, "rulegen scan [<FILE>...] [options]", "--max-event-size <SIZE>")]
    [InlineData(new[] { "import", "elastic", "--help" }, "rulegen import elastic [<PATH>...] [options]", "--out <DIR>")]
    public void HelpGoesToStdoutWithExit0(string[] args, string usage, string mentions)
    {
        var (exit, stdout, stderr) = Run(args);
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.Contains(usage, stdout, System.StringComparison.Ordinal);
        Assert.Contains(mentions, stdout, System.StringComparison.Ordinal);
    }

    [Fact]
    public void CompletionComesFromTheSuggestDirective()
    {
        // What a shell's completion function (or dotnet-suggest) asks: the words that may follow "rulegen scan --f".
        var (exit, stdout, _) = Run("[suggest:16]", "rulegen scan --f");
        Assert.Equal(0, exit);
        Assert.Contains("--format", stdout.Split('\n'));
        var formats = Run("[suggest:22]", "rulegen scan --format ");
        Assert.Equal(new[] { "auto", "json", "ndjson", "records" }, formats.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Theory]
    [InlineData("--format", "auto")]
    [InlineData("--format", "ndjson")]
    [InlineData("--format", "json")]
    [InlineData("--format", "records")]
    [InlineData("--max-event-size", "1KiB")]
    [InlineData("--max-event-size", "1GiB")]
    [InlineData("--max-event-size", "64MB")]
    [InlineData("--max-event-size", "67108864")]
    [InlineData("--dataset", "aws.cloudtrail")]
    public void GoodValuesAreAccepted(string option, string value)
    {
        var (exit, _, stderr) = Run("scan", option, value, Repository.Path("samples", "logs", "made-seed-ecs.ndjson"));
        Assert.Equal(0, exit);
        Assert.Contains("events in 1 file(s)", stderr, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1024", 1024L)]
    [InlineData("1K", 1024L)]
    [InlineData("1KiB", 1024L)]
    [InlineData("1kb", 1000L)]
    [InlineData("64MB", 64_000_000L)]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("64 M", 64L << 20)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("7B", 7L)]
    public void SizesReadAsCoreutilsReadsThem(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MiB")]
    [InlineData("1.5MiB")]
    [InlineData("-1")]
    [InlineData("1 XB")]
    [InlineData("99999999999999999999")]
    [InlineData("9999999999999GiB")]
    public void NotSizes(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Fact]
    public void MissingDirectoryAndUnreadableInputsAreReportedTheOthersScannedAndTheExitIs3()
    {
        if (System.OperatingSystem.IsWindows()) return;
        string dir = Path.Combine(Path.GetTempPath(), $"rulegen-inputs-{System.Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string good = Repository.Path("samples", "logs", "made-seed-ecs.ndjson");
            string locked = Path.Combine(dir, "locked.ndjson");
            File.Copy(good, locked);
            File.SetUnixFileMode(locked, UnixFileMode.None);
            string unreadable = locked;
            if (CanOpen(locked))
            {
                // As root, mode 000 does not stop a read: a path through a file (ENOTDIR) cannot be opened by anyone.
                System.Console.WriteLine("running as root: mode 000 does not deny reads; using a path through a file instead");
                unreadable = Path.Combine(locked, "child");
            }
            var (exit, stdout, stderr) = Run("scan", "/no/such/file.json", good, dir, unreadable, good);
            Assert.Equal(3, exit);
            Assert.Contains("/no/such/file.json: no such file", stderr, System.StringComparison.Ordinal);
            Assert.Contains($"{dir}: is a directory", stderr, System.StringComparison.Ordinal);
            Assert.Contains(unreadable == locked ? $"{locked}: permission denied" : $"{unreadable}: ", stderr, System.StringComparison.Ordinal);
            // Both good files were scanned, the one after the bad ones too.
            string[] alerts = stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2 * Run("scan", good).Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length, alerts.Length);
            Assert.Contains("in 5 file(s)", stderr, System.StringComparison.Ordinal);
            Assert.Contains("3 input error(s)", stderr, System.StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AnInputThatFailsWhileBeingReadIsReportedAndTheExitIs3()
    {
        if (!System.OperatingSystem.IsLinux()) return;
        // /proc/self/mem opens, and its first read fails with EIO (nothing is mapped at address 0).
        string good = Repository.Path("samples", "logs", "made-seed-ecs.ndjson");
        var (exit, stdout, stderr) = Run("scan", "/proc/self/mem", good);
        Assert.Equal(3, exit);
        Assert.Contains("/proc/self/mem: ", stderr, System.StringComparison.Ordinal);
        Assert.Contains("Input/output error", stderr, System.StringComparison.Ordinal);
        Assert.Contains("1 input error(s)", stderr, System.StringComparison.Ordinal);
        Assert.NotEmpty(stdout);
    }

    private static bool CanOpen(string path)
    {
        try
        {
            File.OpenRead(path).Dispose();
            return true;
        }
        catch (System.UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public void ScanWritesAlertsAsNdjsonAndASummary()
    {
        string[] files = Directory.GetFiles(Repository.Path("samples", "logs")).OrderBy(f => f).ToArray();
        var (exit, stdout, stderr) = Run(new[] { "scan" }.Concat(files).ToArray());
        Assert.Equal(0, exit);
        string[] lines = stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        // Single-event alerts first, then the stateful rules' per tick (README): 8 new_terms, 1 threshold, one sequence
        // (a shell and 2 building blocks), 9 correlation alerts.
        Assert.Equal(98, lines.Length);
        Assert.All(lines, l => JsonDocument.Parse(l));
        int Count(string field) => lines.Count(l => l.Contains($"\"{field}\":", System.StringComparison.Ordinal));
        Assert.Equal(8, Count("kibana.alert.new_terms"));
        Assert.Equal(1, Count("kibana.alert.threshold_result"));
        Assert.Equal(3, Count("kibana.alert.group.id"));
        Assert.Equal(9, Count("rulegen.correlation"));
        // How many events the prefilter rules out depends on every rule's literals: EndToEndTests checks that part.
        Assert.Contains("438 events in 5 file(s), 98 alert(s), 0 malformed, 0 input error(s), ", stderr, System.StringComparison.Ordinal);
        Assert.Contains("new_terms: 6 rule(s), 13 tick(s), 244 stage hit(s), 8 alert(s), 2 repeated id(s) dropped", stderr, System.StringComparison.Ordinal);
        Assert.Contains("threshold: 1 rule(s), 2 tick(s), 10 stage hit(s), 1 alert(s)", stderr, System.StringComparison.Ordinal);
        Assert.Contains("sequence: 1 rule(s), 3 tick(s), 2 stage hit(s), 3 alert(s), 6 repeated id(s) dropped", stderr, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ThreadsOrderAndPrefilterFlagsDoNotChangeTheAlerts()
    {
        string[] files = Directory.GetFiles(Repository.Path("samples", "logs")).OrderBy(f => f).ToArray();
        string baseline = Run(new[] { "scan", "--threads", "1", "--no-prefilter" }.Concat(files).ToArray()).Stdout;
        Assert.Equal(baseline, Run(new[] { "scan", "--threads", "2" }.Concat(files).ToArray()).Stdout);
        var unordered = Run(new[] { "scan", "--unordered" }.Concat(files).ToArray());
        Assert.Equal(baseline.Split('\n').Order(), unordered.Stdout.Split('\n').Order());
        Assert.Contains("on 2 thread(s)", Run(new[] { "scan", "--threads", "2" }.Concat(files).ToArray()).Stderr, System.StringComparison.Ordinal);
    }

    [Fact]
    public void RuleSelectionByNameOrId()
    {
        string file = Repository.Path("samples", "logs", "made-and-real-cloudtrail-records.json.gz");
        var byName = Run("scan", "--rule", "aws iam login profile added for root", file);
        var byId = Run("scan", "--rule", EventFixtures.SeedRuleId, file);
        Assert.Equal(0, byName.Exit);
        Assert.Equal(byName.Stdout, byId.Stdout);
        Assert.Equal(2, byName.Stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void MalformedLinesGoToStderrAndTheExitCodeIsStill0()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rulegen-cli-{System.Guid.NewGuid():N}.ndjson");
        string raw = EventFixtures.Compact(EventFixtures.RawPositive());
        File.WriteAllText(path, raw + "\n{broken\n" + raw + "\n");
        try
        {
            // The seed rule alone: one alert per good event, whatever other rules fire on the seed's positive.
            var (exit, stdout, stderr) = Run("scan", "--rule", EventFixtures.SeedRuleId, path);
            Assert.Equal(0, exit);
            Assert.Equal(2, stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains($"{path}:2: malformed event", stderr, System.StringComparison.Ordinal);
            Assert.Contains("1 malformed", stderr, System.StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CorruptAndTruncatedGzipAreReportedAndTheOtherFilesStillScanned()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"rulegen-gz-{System.Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string raw = EventFixtures.Compact(EventFixtures.RawPositive());
            byte[] whole = EventFixtures.Gzip(Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Repeat(raw, 200))));
            File.WriteAllBytes(Path.Combine(dir, "a-truncated.json.gz"), whole[..(whole.Length / 2)]);
            File.WriteAllBytes(Path.Combine(dir, "b-corrupt.json.gz"), new byte[] { 0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
            File.WriteAllText(Path.Combine(dir, "c-good.ndjson"), raw + "\n");
            // The seed rule alone, so that the alert count is the count of events read.
            var (exit, stdout, stderr) = Run("scan", "--rule", EventFixtures.SeedRuleId, Path.Combine(dir, "a-truncated.json.gz"), Path.Combine(dir, "b-corrupt.json.gz"), Path.Combine(dir, "c-good.ndjson"));
            Assert.Equal(3, exit);
            // Reported by the scanner as "NAME: message" (GzipMemberStream), no longer by the CLI catching zlib's exception.
            Assert.Contains("b-corrupt.json.gz: gzip member 1: damaged compressed data", stderr, System.StringComparison.Ordinal);
            Assert.Contains("a-truncated.json.gz: gzip member 1 is truncated (the file ends inside its compressed data)", stderr, System.StringComparison.Ordinal);
            Assert.Contains("2 input error(s)", stderr, System.StringComparison.Ordinal);
            Assert.Contains("a-truncated.json.gz:", stderr, System.StringComparison.Ordinal);
            string[] alerts = stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            // Every complete line of the truncated half, and the good file's event.
            Assert.True(alerts.Length > 1 && alerts.Length < 200, $"{alerts.Length} alerts");
            Assert.Contains("c-good.ndjson", alerts[^1], System.StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ImportConvertsElasticTomlIntoRulesThatBuild()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"rulegen-import-{System.Guid.NewGuid():N}");
        try
        {
            string corpus = Repository.Data("corpus", "elastic-esql-aws");
            string broken = Path.Combine(dir, "broken.toml");
            Directory.CreateDirectory(dir);
            File.WriteAllText(broken, "[rule\nname = ");
            var (exit, stdout, stderr) = Run("import", "elastic", "--out", Path.Combine(dir, "rules"), Path.Combine(corpus, "historical"), broken);
            Assert.Equal(1, exit);
            Assert.Contains("broken.toml:", stderr, System.StringComparison.Ordinal);
            Assert.Contains("imported 1 of 2", stderr, System.StringComparison.Ordinal);
            // A folder's sub-folders are kept under --out.
            string yaml = File.ReadAllText(Path.Combine(dir, "rules", "059d7efa25", "persistence_iam_create_login_profile_for_root.yml"));
            var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/r/seed.yml", yaml) }, "Imported.Rules");
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Contains("T1078.004", yaml, System.StringComparison.Ordinal);
            Assert.Contains("## Triage and analysis", yaml, System.StringComparison.Ordinal);
            Assert.Equal(2, Run("import").Exit);
            Assert.Equal(3, Run("import", "elastic", "/no/such/path").Exit);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ImportKeepsAPacksFoldersSoRulesOfTheSameNameNeverOverwriteEachOther()
    {
        // Elastic's AWS pack has exfiltration_rds_snapshot_export.toml both as a rule and under _deprecated/.
        string dir = Path.Combine(Path.GetTempPath(), $"rulegen-import-{System.Guid.NewGuid():N}");
        try
        {
            string pack = Repository.Data("corpus", "elastic-aws-all");
            var (exit, _, stderr) = Run("import", "elastic", "--out", dir, pack);
            Assert.Equal(1, exit); // the five machine_learning rules are not importable
            Assert.Contains("imported 224 of 229", stderr, System.StringComparison.Ordinal);
            Assert.Equal(5, stderr.Split('\n').Count(l => l.Contains(": not importable: a machine_learning rule", System.StringComparison.Ordinal)));
            Assert.NotEqual(File.ReadAllText(Path.Combine(dir, "exfiltration_rds_snapshot_export.yml")),
                File.ReadAllText(Path.Combine(dir, "_deprecated", "exfiltration_rds_snapshot_export.yml")));
            Assert.Equal(224, Directory.GetFiles(dir, "*.yml", SearchOption.AllDirectories).Length);

            // Two files of one name given one by one go to one place: the second is refused, not written over the first.
            string again = Path.Combine(dir, "again");
            (exit, _, stderr) = Run("import", "elastic", "--out", again, Path.Combine(pack, "exfiltration_rds_snapshot_export.toml"),
                Path.Combine(pack, "_deprecated", "exfiltration_rds_snapshot_export.toml"));
            Assert.Equal(1, exit);
            Assert.Contains("not imported: " + Path.Combine(again, "exfiltration_rds_snapshot_export.yml") + " is already imported from", stderr, System.StringComparison.Ordinal);
            // The first one stays (the deprecated copy's rule_id has one more character).
            Assert.Contains("rule_id: \"119c8877-8613-416d-a98a-96b6664ee73a\"\n", File.ReadAllText(Path.Combine(again, "exfiltration_rds_snapshot_export.yml")), System.StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RulesListsEveryCompiledRule()
    {
        var (exit, stdout, _) = Run("rules");
        Assert.Equal(0, exit);
        Assert.Equal(Repository.RuleFiles().Length, stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("c04be7e0-b0fc-11ef-a826-f661ea17fbce  high      73  AWS IAM Login Profile Added for Root", stdout, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TestRunsTheRulesOwnExamples()
    {
        var (exit, stdout, _) = Run("test");
        Assert.Equal(0, exit);
        // The seed rule's 7 examples, the 166 MADE examples of the KQL and EQL rules (8 of them the suppressed S3
        // credential-file rule's) and the 155 of the 40 SigmaHQ rules' tests files, 25 of those ECS documents (docs/made-examples.md).
        Assert.Contains("328 passed, 0 failed", stdout, System.StringComparison.Ordinal);
    }
}
