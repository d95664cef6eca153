using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using RuleGen.Runtime;

namespace RuleGen.Cli;

/// <summary>
/// rulegen: runs the rules compiled into this program over JSON event files.
///   rulegen scan [--rule RULE_ID_OR_NAME]... [--dataset NAME] FILE...
///   rulegen rules
/// Alerts go to standard output as NDJSON, problems and the summary to standard error.
/// Exit codes: 0 the scan finished (malformed events included), 2 usage error, 3 an input file is missing.
/// </summary>
public static class Program
{
    private const string Usage = """
        usage: rulegen scan [--rule RULE_ID_OR_NAME]... [--dataset NAME] [--threads N] [--unordered] [--no-prefilter] FILE...
               rulegen rules
               rulegen test
               rulegen import elastic [--out DIR] PATH...

          scan     run the compiled rules over FILE... (NDJSON, JSON arrays, CloudTrail {"Records":[...]}, any of
                   them gzipped; "-" reads standard input); alerts to stdout as NDJSON, problems to stderr
          rules    list the compiled rules
          test     run every rule's own tests (the 'tests' examples in its YAML file)
          import   convert Elastic detection-rules TOML files (or folders of them) into rule YAML files in DIR
                   (default: rules); every key is kept, unsupported ones are then named by the build

          --rule X      only rule X (rule_id or name); repeatable
          --dataset D   the data stream of the events (e.g. aws.cloudtrail), which supplies event.dataset,
                        event.module and data_stream.* when documents lack them; default: detected per event
          --threads N   threads evaluating events (default: every core)
          --unordered   write alerts as batches finish, not in input order
          --no-prefilter  parse every event, even those that hold none of the literals the rules require
        """;

    public static int Main(string[] args) => Run(args, Console.OpenStandardOutput(), Console.Error);

    public static int Run(string[] args, Stream stdout, TextWriter stderr)
    {
        if (args.Length == 0) return UsageError(stderr, "no command given");
        switch (args[0])
        {
            case "scan":
                return Scan(args.Skip(1).ToArray(), stdout, stderr);
            case "rules":
                if (args.Length > 1) return UsageError(stderr, $"'rules' takes no arguments, found '{args[1]}'");
                return ListRules(stdout);
            case "test":
                if (args.Length > 1) return UsageError(stderr, $"'test' takes no arguments, found '{args[1]}'");
                return TestRules(stdout, stderr);
            case "import":
                return Import(args.Skip(1).ToArray(), stdout, stderr);
            case "-h" or "--help" or "help":
                stderr.WriteLine(Usage);
                return 0;
            default:
                return UsageError(stderr, $"unknown command '{args[0]}'");
        }
    }

    private static int Scan(string[] args, Stream stdout, TextWriter stderr)
    {
        var selectors = new List<string>();
        var files = new List<string>();
        string? dataset = null;
        int threads = 0;
        bool ordered = true, prefilter = true;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "--rule" or "--dataset" or "--threads")
            {
                if (i + 1 >= args.Length) return UsageError(stderr, $"{arg} needs a value");
                string value = args[++i];
                if (arg == "--rule") selectors.Add(value);
                else if (arg == "--dataset") dataset = value;
                else if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out threads) || threads < 1 || threads > 1024)
                {
                    return UsageError(stderr, $"--threads takes a number from 1 to 1024, found '{value}'");
                }
            }
            else if (arg == "--unordered")
            {
                ordered = false;
            }
            else if (arg == "--no-prefilter")
            {
                prefilter = false;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                return UsageError(stderr, $"unknown option '{arg}'");
            }
            else
            {
                files.Add(arg);
            }
        }
        if (files.Count == 0) return UsageError(stderr, "no input files");

        RuleSet rules = Rules.CompiledRules.All;
        if (selectors.Count > 0)
        {
            rules = rules.Select(selectors, out IReadOnlyList<string> unknown);
            if (unknown.Count > 0) return UsageError(stderr, $"no rule with id or name '{unknown[0]}' (see 'rulegen rules')");
        }
        foreach (string file in files)
        {
            if (file != "-" && !File.Exists(file))
            {
                stderr.WriteLine($"rulegen: {file}: no such file");
                return 3;
            }
        }

        var scanner = new Scanner(rules, new ScanOptions { Dataset = dataset, Threads = threads, Ordered = ordered, Prefilter = prefilter });
        var perRule = new Dictionary<string, long>();
        var clock = Stopwatch.StartNew();
        using var progress = Progress.Start(scanner, clock, stderr);
        using (var writer = new AlertWriter(new BufferedStream(stdout, 1 << 16)))
        {
            foreach (string file in files)
            {
                try
                {
                    scanner.ScanFile(file, match =>
                    {
                        writer.Write(match);
                        perRule[match.Rule.Metadata.Name] = perRule.GetValueOrDefault(match.Rule.Metadata.Name) + 1;
                    }, problem =>
                    {
                        progress?.Clear();
                        stderr.WriteLine(problem);
                    });
                }
                catch (IOException e)
                {
                    // A corrupt gzip stream or an unreadable file: report it, keep what was scanned, go on.
                    stderr.WriteLine($"{file}: cannot read further: {e.Message}");
                }
                catch (InvalidDataException e)
                {
                    stderr.WriteLine($"{file}: cannot read further: {e.Message}");
                }
            }
        }

        progress?.Dispose();
        ScanStatistics stats = scanner.Statistics;
        double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        stderr.WriteLine($"rulegen: {stats.Events} events in {stats.Files} file(s), {stats.Alerts} alert(s), {stats.Malformed} malformed, " +
            $"{stats.Skipped} ruled out unparsed; {stats.Bytes / 1e6:F1} MB in {seconds:F2} s = {stats.Bytes / 1e6 / seconds:F1} MB/s, " +
            $"{stats.Events / seconds:F0} events/s on {scanner.Threads} thread(s)");
        foreach (var (name, count) in perRule.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            stderr.WriteLine($"  {count,8}  {name}");
        }
        return 0;
    }

    private static int Import(string[] args, Stream stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "elastic") return UsageError(stderr, "import takes a source format: 'import elastic PATH...'");
        string output = "rules";
        var paths = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--out")
            {
                if (i + 1 >= args.Length) return UsageError(stderr, "--out needs a folder");
                output = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal)) return UsageError(stderr, $"unknown option '{args[i]}'");
            else paths.Add(args[i]);
        }
        if (paths.Count == 0) return UsageError(stderr, "no TOML files or folders to import");

        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.toml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else
            {
                stderr.WriteLine($"rulegen: {path}: no such file or folder");
                return 3;
            }
        }
        Directory.CreateDirectory(output);
        using var text = new StreamWriter(stdout);
        int failed = 0;
        foreach (string file in files)
        {
            try
            {
                string yaml = RuleGen.Cli.Import.ElasticRuleImporter.Convert(File.ReadAllText(file), Path.GetFileName(file));
                string target = Path.Combine(output, Path.GetFileNameWithoutExtension(file) + ".yml");
                File.WriteAllText(target, yaml);
                text.WriteLine($"{file} -> {target}");
            }
            catch (FormatException e)
            {
                failed++;
                stderr.WriteLine($"{file}: {e.Message}");
            }
        }
        stderr.WriteLine($"rulegen: imported {files.Count - failed} of {files.Count} rule file(s) into {output}");
        return failed == 0 ? 0 : 1;
    }

    private static int ListRules(Stream stdout)
    {
        using var text = new StreamWriter(stdout);
        foreach (CompiledRule rule in Rules.CompiledRules.All.Rules)
        {
            RuleMetadata m = rule.Metadata;
            text.WriteLine($"{m.RuleId}  {m.Severity.ToString().ToLowerInvariant(),-8} {m.RiskScore,3}  {m.Name}");
        }
        return 0;
    }

    private static int TestRules(Stream stdout, TextWriter stderr)
    {
        using var text = new StreamWriter(stdout);
        int failed = 0, passed = 0;
        foreach (CompiledRule rule in Rules.CompiledRules.All.Rules)
        {
            foreach (RuleTestResult result in RuleTester.Run(rule))
            {
                if (result.Passed) passed++;
                else failed++;
                text.WriteLine($"{(result.Passed ? "ok  " : "FAIL")}  {rule.Metadata.Name}: {result.Test.Name}{(result.Passed ? string.Empty : " — " + result.Detail)}");
            }
        }
        text.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"rulegen: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }
}
