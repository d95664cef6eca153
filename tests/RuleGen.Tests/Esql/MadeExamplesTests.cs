using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Cli.Import;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Tests.Esql;

/// <summary>
/// The ES|QL rules of rules/ (the pack's 41, each the import of its TOML) and their MADE examples (Data/esql/made/&lt;rule&gt;/): the data is well formed and consistent with the rule's
/// schedule, so a wrong tick, a missing event or a stale import fails here before the compiler's tests read it.
/// The expected rows themselves are hand-derived (each folder's README.md) and are checked by the compiler's tests.
/// </summary>
public sealed class MadeExamplesTests
{
    private static readonly string Pack = Repository.Data("corpus", "elastic-esql-aws");
    private static readonly string ShippedRules = Repository.Path("rules");
    private static readonly string Made = Repository.Data("esql", "made");

    /// <summary>The ES|QL rules of rules/ that are pack files (rules/historical/ holds the seed, imported with its history).</summary>
    public static TheoryData<string> PackRules() => new(Directory.GetFiles(ShippedRules, "*.yml")
        // The six converted by hand before the importer existed (header "# Converted from") are left as they were.
        .Where(f => Scalar(LoadYaml(File.ReadAllText(f)), "language") == "esql" && File.Exists(Path.Combine(Pack, Path.GetFileNameWithoutExtension(f) + ".toml"))
                    && File.ReadAllText(f).StartsWith("# Imported from", StringComparison.Ordinal))
        .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    public static TheoryData<string> Examples() => new(Directory.GetDirectories(Made).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void EveryEsqlRuleOfThePackIsInRules()
    {
        var pack = Directory.GetFiles(Pack, "*.toml", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).ToHashSet();
        var shipped = Repository.RuleFiles().Where(f => Scalar(LoadYaml(File.ReadAllText(f)), "language") == "esql")
            .Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Equal(41, pack.Count);
        Assert.True(pack.IsSubsetOf(shipped), "every pack ES|QL rule is in rules/: missing " + string.Join(", ", pack.Except(shipped)));
    }

    [Theory]
    [MemberData(nameof(PackRules))]
    public void APackRuleInRulesIsTheImportOfItsToml(string stem)
    {
        string toml = Path.Combine(Pack, stem + ".toml");
        string expected = ElasticRuleImporter.Convert(File.ReadAllText(toml), stem + ".toml");
        Assert.Equal(expected, File.ReadAllText(Path.Combine(ShippedRules, stem + ".yml")));
    }

    [Fact]
    public void AtLeastEighteenRulesHaveExamples() => Assert.True(Directory.GetDirectories(Made).Length >= 18);

    [Theory]
    [MemberData(nameof(Examples))]
    public void AnExampleIsMadeWellFormedAndFitsItsRulesSchedule(string stem)
    {
        string folder = Path.Combine(Made, stem);
        string rulePath = Path.Combine(ShippedRules, stem + ".yml");
        Assert.True(File.Exists(rulePath), $"{stem}: no rule of that name in rules/");
        var rule = LoadYaml(File.ReadAllText(rulePath));
        Assert.StartsWith("# MADE example", File.ReadAllText(Path.Combine(folder, "README.md")), StringComparison.Ordinal);

        var events = ReadEvents(Path.Combine(folder, "events.ndjson"));
        Assert.NotEmpty(events);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());

        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        var root = expected.RootElement;
        DateTimeOffset start = Time(root.GetProperty("schedule_start").GetString()!);
        TimeSpan interval = Duration(Scalar(rule, "interval") ?? "5m");
        TimeSpan lookBack = Duration((Scalar(rule, "from") ?? "now-6m").Substring("now-".Length));
        bool aggregating = rule.Children.ContainsKey(new YamlScalarNode("query"))
                           && Scalar(rule, "query")!.Split('\n').Any(line => line.TrimStart().StartsWith("| stats", StringComparison.OrdinalIgnoreCase));
        if (aggregating)
        {
            Assert.False(root.TryGetProperty("alerts", out _), $"{stem}: an aggregating rule's expectation is per tick");
            var ticks = root.GetProperty("ticks").EnumerateArray().ToList();
            Assert.NotEmpty(ticks);
            DateTimeOffset? previous = null;
            foreach (var tick in ticks)
            {
                DateTimeOffset t = Time(tick.GetProperty("tick").GetString()!);
                Assert.True(t >= start && (t - start).Ticks % interval.Ticks == 0, $"{stem}: {t:o} is not schedule_start + k*{interval}");
                Assert.True(previous is null || t > previous, $"{stem}: ticks out of order at {t:o}");
                previous = t;
                Assert.True(events.Any(e => e.Time >= t - lookBack && e.Time <= t), $"{stem}: the window of {t:o} holds no event");
                var rows = tick.GetProperty("rows").EnumerateArray().ToList();
                Assert.NotEmpty(rows);
                Assert.All(rows, r => Assert.True(r.ValueKind == JsonValueKind.Object && r.EnumerateObject().Any()));
            }
        }
        else
        {
            Assert.False(root.TryGetProperty("ticks", out _), $"{stem}: a non-aggregating rule's expectation is per event");
            var ids = events.Select(e => e.Id).ToHashSet();
            foreach (var alert in root.GetProperty("alerts").EnumerateArray())
                Assert.Contains(alert.GetProperty("_id").GetString()!, ids);
        }
    }

    private sealed record MadeEvent(string Id, DateTimeOffset Time);

    private static List<MadeEvent> ReadEvents(string path)
    {
        var events = new List<MadeEvent>();
        foreach (string line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            var e = document.RootElement;
            string id = e.GetProperty("_id").GetString()!;
            Assert.True(e.TryGetProperty("event", out var ev) && ev.TryGetProperty("dataset", out _), $"{id}: no event.dataset");
            events.Add(new MadeEvent(id, Time(e.GetProperty("@timestamp").GetString()!)));
        }
        return events;
    }

    private static DateTimeOffset Time(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Elastic's interval / look-back units as the pack uses them: s, m, h, d.</summary>
    private static TimeSpan Duration(string text)
    {
        double n = double.Parse(text[..^1], CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => throw new FormatException("unknown duration " + text),
        };
    }

    private static YamlMappingNode LoadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;
}
