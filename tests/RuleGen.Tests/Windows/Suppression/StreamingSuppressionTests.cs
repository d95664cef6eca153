using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.Suppression.SuppressionScan;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>
/// Streaming (a lateness): a tick is final once the watermark (max T seen − lateness) passes its window's end, its
/// alerts are written then; a hit older than the watermark is late: counted, and seen only by the windows still open.
/// With no late hit, streaming gives the offline alerts.
/// </summary>
public class StreamingSuppressionTests
{
    private static readonly SuppressionSpec PerExecutionByIp =
        new("SU-STREAM", SuppressedRuleType.Query, new SuppressionSettings(new[] { "source.ip" }, null, suppressMissing: true));

    private static StageHit Hit(string time, string ip, string id) =>
        new(MadeStream.Ms("2024-12-02T" + time + "Z"), "2024-12-02T" + time + "Z", id, "made", 0, new IReadOnlyList<string>[] { new[] { ip } }, Array.Empty<string>());

    private static string Describe(WindowAlert a)
    {
        var s = (SuppressedAlert)a;
        return $"{EventTime.Iso(s.TickMs).Substring(11, 8)} {s.Terms[0].Values[0]} {EventTime.Iso(s.StartMs).Substring(11, 8)}-{EventTime.Iso(s.EndMs).Substring(11, 8)} docs={s.DocsCount}";
    }

    // Arrival order: h1 10:01, h2 10:07, h3 10:12, then h4 10:04:30 and h5 10:09:30, both behind the watermark.
    private static readonly StageHit[] Arrivals =
    {
        Hit("10:01:00", "A", "h1"), Hit("10:07:00", "A", "h2"), Hit("10:12:00", "A", "h3"), Hit("10:04:30", "A", "h4"), Hit("10:09:30", "B", "h5"),
    };

    [Fact]
    public void ALateHitIsCountedAndJoinsOnlyTheWindowsStillOpen()
    {
        var stage = new WindowStage(PerExecutionByIp, TickSchedule.ElasticDefault(), latenessMs: 60_000);
        var readyAfter = new List<int>();
        var written = new List<WindowAlert>();
        foreach (StageHit hit in Arrivals)
        {
            var ready = new List<WindowAlert>();
            stage.Add(hit, ready);
            readyAfter.Add(ready.Count);
            written.AddRange(ready);
        }
        // h2 moves the watermark to 10:06 (tick 10:05 final), h3 to 10:11 (tick 10:10 final); h4 and h5 move nothing.
        Assert.Equal(new[] { 0, 1, 1, 0, 0 }, readyAfter);
        written.AddRange(stage.Finish());
        Assert.Equal(2, stage.Late);
        Assert.Equal(new[]
        {
            "10:05:00 A 10:01:00-10:01:00 docs=0",
            "10:10:00 A 10:07:00-10:07:00 docs=0",
            // h4 (10:04:30) fell only in windows already run (10:05, 10:10): it joins none. h5 (10:09:30) missed 10:10
            // but is in 10:15's window [10:09, 10:15].
            "10:15:00 A 10:12:00-10:12:00 docs=0",
            "10:15:00 B 10:09:30-10:09:30 docs=0",
        }, written.Select(Describe));
    }

    [Fact]
    public void OfflineTheSameHitsJoinEveryWindowTheyFallIn()
    {
        var stage = new WindowStage(PerExecutionByIp, TickSchedule.ElasticDefault());
        foreach (StageHit hit in Arrivals) stage.Add(hit);
        Assert.Equal(new[]
        {
            "10:05:00 A 10:01:00-10:04:30 docs=1",
            // h4 is in 10:10's window too, but the bucket history (A up to 10:04:30) leaves it out.
            "10:10:00 A 10:07:00-10:07:00 docs=0",
            "10:10:00 B 10:09:30-10:09:30 docs=0",
            "10:15:00 A 10:12:00-10:12:00 docs=0",
        }, stage.Finish().Select(Describe));
        Assert.Equal(0, stage.Late);
    }

    [Theory]
    [InlineData("eql", "any where event.action == \"GetObject\"", "alert_suppression:\n  group_by: [source.ip]\n  duration: {value: 5, unit: m}\n")]
    [InlineData("query", GetObject, "alert_suppression:\n  group_by: [source.ip, cloud.account.id]\n  duration: {value: 5, unit: m}\n")]
    [InlineData("query", GetObject, "alert_suppression:\n  group_by: [source.ip]\n  missing_fields_strategy: doNotSuppress\n")]
    public void WithNoLateEventStreamingGivesTheOfflineAlerts(string type, string query, string suppression)
    {
        RuleSet rules = Compile(Rule(type, query, suppression), "StreamingSuppression.Rules." + type + suppression.Length);
        string dir = Directory.CreateTempSubdirectory("rulegen-stream-").FullName;
        try
        {
            // The MADE stream in time order, as a live feed would bring it.
            string sorted = Path.Combine(dir, "in-order.ndjson");
            File.WriteAllLines(sorted, new[] { "made-s3-a.ndjson", "made-s3-b.ndjson" }
                .SelectMany(f => File.ReadAllLines(Repository.Data("suppression", f)))
                .OrderBy(l => JsonDocument.Parse(l).RootElement.GetProperty("@timestamp").GetString(), StringComparer.Ordinal));
            (JsonElement[] offline, _) = Scan(rules, WindowOptions.Default, sorted);
            (JsonElement[] streaming, string summary) = Scan(rules, new WindowOptions(null, false, LatenessMs: 0), sorted);
            Assert.NotEmpty(offline);
            Assert.Equal(offline.Select(a => a.GetProperty("kibana.alert.uuid").GetString() + " " + a.Line()), streaming.Select(a => a.GetProperty("kibana.alert.uuid").GetString() + " " + a.Line()));
            Assert.DoesNotContain("late hit", summary);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
