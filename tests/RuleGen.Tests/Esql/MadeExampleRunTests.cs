using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// Runs every MADE example of Data/esql/made (hand-derived rows per tick, Data/esql/README.md) through the rule it is
/// for, compiled from rules/ as a project compiles it, scanned as `rulegen scan --schedule-start` scans, and compares
/// the alerts with the expected rows: per tick for aggregating rules (duplicates across overlapping look-backs
/// included), per event id for the others. VALUES arrays compare as sets (ES|QL does not fix their order), numbers
/// by value, NULL and absent alike (Kibana drops all-NULL columns).
/// </summary>
public class MadeExampleRunTests
{
    public static IEnumerable<object[]> Examples() =>
        Directory.GetDirectories(Repository.Data("esql", "made")).Select(d => new object[] { Path.GetFileName(d) }).OrderBy(d => (string)d[0]);

    [Theory]
    [MemberData(nameof(Examples))]
    public void TheAlertsAreTheHandDerivedRows(string example)
    {
        string folder = Repository.Data("esql", "made", example);
        using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        JsonElement root = expected.RootElement;
        RuleSet rules = RuleOf(example);
        long start = DateTimeOffset.Parse(root.GetProperty("schedule_start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        JsonElement[] alerts = InProcessScan.Run(new[] { Path.Combine(folder, "events.ndjson") }, rules, new WindowOptions(start, false), threads: 1).Alerts;
        if (root.TryGetProperty("ticks", out JsonElement ticks)) CheckTicks(example, root, ticks, alerts);
        else CheckAlerts(example, root, alerts);
    }

    /// <summary>The example's rule, compiled in memory from its file in rules/ with the repository's fields files.</summary>
    private static RuleSet RuleOf(string example)
    {
        string path = Directory.GetFiles(Repository.Path("rules"), example + ".yml", SearchOption.AllDirectories).Single();
        var files = GeneratorHarness.RepositoryFields().Append(new InMemoryRuleFile("/repo/rules/" + example + ".yml", File.ReadAllText(path)));
        var result = GeneratorHarness.Run(files, "Made." + Identifier(example));
        var errors = result.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return GeneratorHarness.Load(result, "Made." + Identifier(example));
    }

    private static string Identifier(string stem) => string.Concat(stem.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p.Substring(1)));

    internal static void CheckTicks(string example, JsonElement root, JsonElement ticks, JsonElement[] alerts)
    {
        bool anyOrder = root.TryGetProperty("row_order", out JsonElement order) && order.GetString() == "any";
        bool suppressed = root.TryGetProperty("suppression", out _);
        var byTick = alerts.GroupBy(a => a.GetProperty("@timestamp").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        var expectedTicks = ticks.EnumerateArray().ToDictionary(t => Iso(t.GetProperty("tick").GetString()!), t => t);
        if (suppressed)
        {
            // With suppression the alerts written are fewer than the rows: each is one of its tick's rows, and there are as many as the ticks' new_alerts.
            int wanted = ticks.EnumerateArray().Sum(t => t.TryGetProperty("new_alerts", out JsonElement n) ? n.GetInt32() : 0);
            Assert.True(alerts.Length == wanted, $"{example}: {alerts.Length} alerts, expected {wanted}:\n{string.Join("\n", alerts.Select(a => a.ToString()))}");
            foreach (JsonElement alert in alerts)
            {
                string tick = alert.GetProperty("@timestamp").GetString()!;
                Assert.True(expectedTicks.TryGetValue(tick, out JsonElement t), $"{example}: an alert at {tick}, a tick with no rows expected");
                Assert.True(t.GetProperty("rows").EnumerateArray().Any(row => Matches(row, alert)), $"{example}: at {tick} the alert {alert} is none of the expected rows");
            }
            return;
        }
        foreach (string tick in byTick.Keys)
            Assert.True(expectedTicks.ContainsKey(tick), $"{example}: alerts at {tick}, where no rows are expected:\n{string.Join("\n", byTick[tick])}");
        foreach (var (tick, entry) in expectedTicks)
        {
            var rows = entry.GetProperty("rows").EnumerateArray().ToList();
            var actual = byTick.TryGetValue(tick, out var list) ? list : new List<JsonElement>();
            Assert.True(rows.Count == actual.Count, $"{example}: at {tick} {actual.Count} alerts, expected {rows.Count} rows:\n{string.Join("\n", actual)}");
            if (anyOrder)
            {
                var left = actual.ToList();
                foreach (JsonElement row in rows)
                {
                    int at = left.FindIndex(a => Matches(row, a));
                    Assert.True(at >= 0, $"{example}: at {tick} no alert is the row {row}; alerts:\n{string.Join("\n", left)}");
                    left.RemoveAt(at);
                }
            }
            else
            {
                for (int i = 0; i < rows.Count; i++)
                    Assert.True(Matches(rows[i], actual[i]), $"{example}: at {tick} row {i} is {actual[i]}, expected {rows[i]}");
            }
        }
    }

    internal static void CheckAlerts(string example, JsonElement root, JsonElement[] alerts)
    {
        if (root.TryGetProperty("after_suppression", out JsonElement kept))
        {
            var wanted = kept.EnumerateArray().ToList();
            Assert.True(alerts.Length == wanted.Count, $"{example}: {alerts.Length} alerts after suppression, expected {wanted.Count}:\n{string.Join("\n", alerts)}");
            foreach (JsonElement entry in wanted)
            {
                string id = entry.GetProperty("_id").GetString()!;
                JsonElement alert = Assert.Single(alerts, a => a.TryGetProperty("_id", out JsonElement i) && i.GetString() == id);
                long docs = alert.TryGetProperty("kibana.alert.suppression.docs_count", out JsonElement n) ? n.GetInt64() : 0;
                Assert.True(docs == entry.GetProperty("suppressed_ids").GetArrayLength(), $"{example}: {id} suppressed {docs} documents, expected {entry.GetProperty("suppressed_ids")}");
            }
            return;
        }
        var expected = root.GetProperty("alerts").EnumerateArray().ToList();
        Assert.True(alerts.Length == expected.Count, $"{example}: {alerts.Length} alerts, expected {expected.Count}:\n{string.Join("\n", alerts)}");
        var left = alerts.ToList();
        foreach (JsonElement row in expected)
        {
            int at = left.FindIndex(a => Matches(row, a));
            Assert.True(at >= 0, $"{example}: no alert is {row}; alerts:\n{string.Join("\n", left)}");
            left.RemoveAt(at);
        }
    }

    /// <summary>Every column the expected row names has its value in the alert (an aggregated alert's @timestamp is the tick's, so a row's is not compared).</summary>
    private static bool Matches(JsonElement row, JsonElement alert)
    {
        foreach (JsonProperty column in row.EnumerateObject())
        {
            if (column.Name == "@timestamp" && !alert.TryGetProperty("kibana.alert.original_time", out _)) continue;
            string name = column.Name == "@timestamp" && alert.TryGetProperty("kibana.alert.original_time", out _) ? "kibana.alert.original_time" : column.Name;
            JsonElement? actual = alert.TryGetProperty(name, out JsonElement value) ? value : null;
            if (!SameValue(column.Value, actual)) return false;
        }
        return true;
    }

    private static bool SameValue(JsonElement expected, JsonElement? actual)
    {
        if (expected.ValueKind == JsonValueKind.Null) return actual is null || actual.Value.ValueKind == JsonValueKind.Null;
        if (actual is null) return false;
        List<string> want = Values(expected), got = Values(actual.Value);
        want.Sort(StringComparer.Ordinal);
        got.Sort(StringComparer.Ordinal);
        return want.SequenceEqual(got);
    }

    /// <summary>A value as sorted canonical texts: arrays element by element, numbers by value, dates in one form.</summary>
    private static List<string> Values(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Values).ToList(),
        JsonValueKind.Number => new List<string> { value.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture) },
        JsonValueKind.String => new List<string> { Iso(value.GetString()!) },
        _ => new List<string> { value.ToString() },
    };

    /// <summary>A date in the alert's form (…T10:00:00.000Z); other text unchanged.</summary>
    private static string Iso(string text) =>
        text.Length >= 20 && text[4] == '-' && text[10] == 'T' && text.EndsWith("Z", StringComparison.Ordinal)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
            ? parsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : text;
}
