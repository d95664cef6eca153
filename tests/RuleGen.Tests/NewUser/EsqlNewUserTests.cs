using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using RuleGen.Cli.Import;
using RuleGen.Runtime.Windows;
using RuleGen.Tests.Esql;
using Xunit;

namespace RuleGen.Tests.NewUser;

/// <summary>
/// A new user's trial of Elastic ES|QL rules from outside the AWS pack (Data/newuser/esql, MANIFEST there): each TOML is
/// imported as `rulegen import elastic` imports it (ElasticRuleImporter.Convert, what the CLI calls) and compiled in
/// memory with the repository's fields files. compile-outcomes.tsv pins, per rule, the generator's errors and whether
/// they are right (ES|QL would refuse too, or the field is unknown and a fields file is the user's fix) or a feature
/// RuleGen lacks. The made/ folders hold hand-derived alert rows (format of Data/esql/README.md) checked against a scan.
/// </summary>
public class EsqlNewUserTests
{
    internal static string Folder => Repository.Data("newuser", "esql");

    public static IEnumerable<object[]> Outcomes() =>
        OutcomeRows().Select(r => new object[] { r.Stem, r.Verdict, r.Errors });

    public static IEnumerable<object[]> Examples() =>
        Directory.GetDirectories(Path.Combine(Folder, "made")).Select(d => new object[] { Path.GetFileName(d) }).OrderBy(d => (string)d[0]);

    private static IEnumerable<(string Stem, string Verdict, string Errors)> OutcomeRows() =>
        File.ReadAllLines(Path.Combine(Folder, "compile-outcomes.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(c => (c[0], c[1], c[2]));

    /// <summary>The generator run for the imported rule, with the repository's fields files and any extra ones (a user's fix).</summary>
    internal static GeneratorHarness.Result Compile(string stem, IEnumerable<string> extraFields, string @namespace)
    {
        string yaml = ElasticRuleImporter.Convert(File.ReadAllText(Path.Combine(Folder, stem + ".toml")), stem + ".toml");
        var files = GeneratorHarness.RepositoryFields()
            .Concat(extraFields.Select(f => new InMemoryRuleFile("/repo/fields/" + Path.GetFileName(f), File.ReadAllText(f))))
            .Append(new InMemoryRuleFile("/repo/rules/" + stem + ".yml", yaml));
        return GeneratorHarness.Run(files, @namespace);
    }

    [Fact]
    public void EveryCollectedRuleHasAnOutcomeRow()
    {
        var stems = Directory.GetFiles(Folder, "*.toml").Select(f => Path.GetFileNameWithoutExtension(f)!).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.True(stems.Count >= 25, $"{stems.Count} rules");
        Assert.Equal(stems, OutcomeRows().Select(r => r.Stem).OrderBy(s => s, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The errors a user gets when compiling the rule as imported: none for "ok", exactly the listed ids otherwise.
    /// Rows marked "bug" (RuleGen refuses valid ES|QL) are listed in the TSV but not asserted here: they fail until fixed.
    /// </summary>
    [Theory]
    [MemberData(nameof(Outcomes))]
    public void TheRuleCompilesOrFailsAsRecorded(string stem, string verdict, string errors)
    {
        if (verdict == "bug") return;
        var actual = Compile(stem, Array.Empty<string>(), "NewUser.Outcome").GeneratorDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal).ToList();
        var wanted = errors == "-" ? new List<string>() : errors.Split(',').OrderBy(i => i, StringComparer.Ordinal).ToList();
        Assert.True(wanted.SequenceEqual(actual), $"{stem} ({verdict}): errors [{string.Join(",", actual)}], recorded [{string.Join(",", wanted)}]");
    }

    /// <summary>Hand-derived rows per tick (or alerts per event) against a scan from the example's schedule_start.</summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public void TheAlertsAreTheHandDerivedRows(string example)
    {
        string folder = Path.Combine(Folder, "made", example);
        string[] fields = Directory.GetFiles(folder, "fields*.yml");
        var result = Compile(example, fields, "NewUser.Made");
        var errors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        RuleGen.Runtime.RuleSet rules = GeneratorHarness.Load(result, "NewUser.Made");

        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        JsonElement root = expected.RootElement;
        long start = DateTimeOffset.Parse(root.GetProperty("schedule_start").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        JsonElement[] alerts = InProcessScan.Run(new[] { Path.Combine(folder, "events.ndjson") }, rules, new WindowOptions(start, false), threads: 1).Alerts;
        if (root.TryGetProperty("ticks", out JsonElement ticks)) MadeExampleRunTests.CheckTicks(example, root, ticks, alerts);
        else MadeExampleRunTests.CheckAlerts(example, root, alerts);
    }
}
