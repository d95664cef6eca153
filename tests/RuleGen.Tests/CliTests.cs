using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Cli;
using Xunit;

namespace RuleGen.Tests;

/// <summary>The rulegen command line as a user meets it: exit codes, usage, alerts on stdout, problems on stderr.</summary>
public class CliTests
{
    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int exit = Program.Run(args, stdout, stderr);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Theory]
    [InlineData(new string[0], "no command given")]
    [InlineData(new[] { "scna" }, "unknown command 'scna'")]
    [InlineData(new[] { "scan" }, "no input files")]
    [InlineData(new[] { "scan", "--thread", "2", "x.json" }, "unknown option '--thread'")]
    [InlineData(new[] { "scan", "--threads" }, "--threads needs a value")]
    [InlineData(new[] { "scan", "--threads", "0", "x.json" }, "--threads takes a number from 1 to 1024")]
    [InlineData(new[] { "scan", "--threads", "two", "x.json" }, "--threads takes a number")]
    [InlineData(new[] { "scan", "--rule" }, "--rule needs a value")]
    [InlineData(new[] { "scan", "--rule", "no such rule", "x.json" }, "no rule with id or name 'no such rule'")]
    [InlineData(new[] { "rules", "extra" }, "'rules' takes no arguments")]
    public void UsageErrorsPrintUsageAndExitWith2(string[] args, string message)
    {
        var (exit, stdout, stderr) = Run(args);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, System.StringComparison.Ordinal);
        Assert.Contains("usage: rulegen scan", stderr, System.StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileExitsWith3BeforeScanning()
    {
        var (exit, stdout, stderr) = Run("scan", Repository.Path("samples", "logs", "made-seed-ecs.ndjson"), "/no/such/file.json");
        Assert.Equal(3, exit);
        Assert.Empty(stdout);
        Assert.Contains("/no/such/file.json: no such file", stderr, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ScanWritesAlertsAsNdjsonAndASummary()
    {
        string[] files = Directory.GetFiles(Repository.Path("samples", "logs")).OrderBy(f => f).ToArray();
        var (exit, stdout, stderr) = Run(new[] { "scan" }.Concat(files).ToArray());
        Assert.Equal(0, exit);
        string[] lines = stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.All(lines, l => JsonDocument.Parse(l));
        Assert.Contains("425 events in 3 file(s), 10 alert(s), 0 malformed", stderr, System.StringComparison.Ordinal);
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
            var (exit, stdout, stderr) = Run("scan", path);
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
            var (exit, stdout, stderr) = Run("scan", Path.Combine(dir, "a-truncated.json.gz"), Path.Combine(dir, "b-corrupt.json.gz"), Path.Combine(dir, "c-good.ndjson"));
            Assert.Equal(0, exit);
            // Reported by the scanner as "NAME: message" (GzipMemberStream), no longer by the CLI catching zlib's exception.
            Assert.Contains("b-corrupt.json.gz: gzip member 1: damaged compressed data", stderr, System.StringComparison.Ordinal);
            Assert.Contains("a-truncated.json.gz: gzip member 1 is truncated (the file ends inside its compressed data)", stderr, System.StringComparison.Ordinal);
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
            string yaml = File.ReadAllText(Path.Combine(dir, "rules", "persistence_iam_create_login_profile_for_root.yml"));
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
    public void RulesListsEveryCompiledRule()
    {
        var (exit, stdout, _) = Run("rules");
        Assert.Equal(0, exit);
        Assert.Equal(Directory.GetFiles(Repository.Path("rules"), "*.yml").Length, stdout.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("c04be7e0-b0fc-11ef-a826-f661ea17fbce  high      73  AWS IAM Login Profile Added for Root", stdout, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TestRunsTheRulesOwnExamples()
    {
        var (exit, stdout, _) = Run("test");
        Assert.Equal(0, exit);
        Assert.Contains("7 passed, 0 failed", stdout, System.StringComparison.Ordinal);
    }
}
