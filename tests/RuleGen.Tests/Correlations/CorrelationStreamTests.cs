using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using CsCheck;
using Xunit;
using static RuleGen.Tests.Correlations.CorrelationScan;

namespace RuleGen.Tests.Correlations;

/// <summary>
/// The seven correlations of rules/sigma-correlations over the MADE streams of Data/correlations (README there), every
/// expected alert derived by hand from docs/sigma-correlations.md: sliding window [t − timespan, t], both ends
/// inclusive, judged at every time a group gets a hit, one alert per satisfied (group, t).
/// </summary>
public class CorrelationStreamTests
{
    private static readonly string[] Logins = { Made("made-console-logins-a.ndjson"), Made("made-console-logins-b.ndjson") };

    private const string IpA = "198.51.100.7";
    private const string IpB = "203.0.113.99";

    /// <summary>
    /// Failed logins from A at 10:00, 10:04, 10:09:59.999, 10:10, 10:14:00.001; one with no sourceIPAddress at 10:15;
    /// success from A at 10:20; CreateAccessKey for alice at 10:30; from B three failures at 11:00, 11:01, 11:02 and a
    /// success at 11:02 exactly. The two files are each out of time order.
    /// </summary>
    public static readonly Expected[] LoginAlerts =
    {
        // c1 event_count gte 3 in 10m by IP. 10:09:59.999: window from 09:59:59.999 holds f1 f2 f3. 10:10:00: f1 at
        // exactly 10:00:00 is still in (closed window): 4. 10:14:00.001: f2 (10:04:00.000) is out by 1 ms: 3. f6 has no
        // IP: it joins no group (10:15 is not judged for A). B: 3 at 11:02.
        new("c1", "2024-05-01T10:09:59.999Z", IpA, 3, "made-f1 made-f2 made-f3"),
        new("c1", "2024-05-01T10:10:00.000Z", IpA, 4, "made-f1 made-f2 made-f3 made-f4"),
        new("c1", "2024-05-01T10:14:00.001Z", IpA, 3, "made-f3 made-f4 made-f5"),
        new("c1", "2024-05-01T11:02:00.000Z", IpB, 3, "made-g1 made-g2 made-g3"),
        // c2 value_count of userIdentity.userName gte 3 in 30m by IP: alice bob carol (3), + alice again (3), + dave (4).
        // B: frank three times is one value: no alert.
        new("c2", "2024-05-01T10:09:59.999Z", IpA, 3, "made-f1 made-f2 made-f3"),
        new("c2", "2024-05-01T10:10:00.000Z", IpA, 3, "made-f1 made-f2 made-f3 made-f4"),
        new("c2", "2024-05-01T10:14:00.001Z", IpA, 4, "made-f1 made-f2 made-f3 made-f4 made-f5"),
        // c3 temporal_ordered [c1, login without MFA] in 30m by IP (a chain: c1's alerts are its hits). A: the three c1
        // alerts, then s1 at 10:20. B: c1's alert and s2 are both at 11:02:00.000: a tie is in order (>=).
        new("c3", "2024-05-01T10:20:00.000Z", IpA, 2, "c1@10:09:59.999 c1@10:10:00.000 c1@10:14:00.001 made-s1"),
        new("c3", "2024-05-01T11:02:00.000Z", IpB, 2, "c1@11:02:00.000 made-s2"),
        // c4 temporal [backdoor key, login without MFA] in 1h by the alias target_user (requestParameters.userName of the
        // key, userIdentity.userName of the login): alice's login at 10:20 alone is 1 rule; the key for alice at 10:30 makes 2.
        new("c4", "2024-05-01T10:30:00.000Z", "alice", 2, "made-s1 made-k1"),
    };

    /// <summary>
    /// S3 RestoreObject by ops: 600000 bytes at 12:00, "not-a-number" at 12:30, a PutBucketLogging with no bytes at
    /// 12:59:59, 500000 at 13:00, 1 at 13:00:00.001. AssumeRole by the build/ci session: 3600 s at 14:00, a
    /// DescribeInstances (no duration) at 14:10, 14400 at 14:20, 7200 at 15:10. ListBuckets by alice: aws-cli at 16:00,
    /// 16:01, 16:02, 16:03, curl at 16:04, no user agent at 16:05, aws-cli at 16:06. Written newest first.
    /// </summary>
    public static readonly Expected[] MetricAlerts =
    {
        // c5 value_sum gt 1000000 in 1h: at 13:00 the window from 12:00:00 holds 600000 + 500000 (the text and the missing
        // value count for nothing); at 13:00:00.001 the 600000 is out: 500001.
        new("c5", "2024-05-01T13:00:00.000Z", "arn:aws:iam::111122223333:user/ops", 1100000, "made-r1 made-r2 made-r3 made-r4"),
        // c6 value_avg gt 7200 in 1h: 3600; 3600 (14:10 has no number); (3600 + 14400) / 2 = 9000; at 15:10 the window
        // from 14:10 holds 14400 and 7200: 10800.
        new("c6", "2024-05-01T14:20:00.000Z", "arn:aws:sts::111122223333:assumed-role/build/ci", 9000, "made-a1 made-a2 made-a3"),
        new("c6", "2024-05-01T15:10:00.000Z", "arn:aws:sts::111122223333:assumed-role/build/ci", 10800, "made-a2 made-a3 made-a4"),
        // c7 value_percentile lte 20 in 24h by account: curl is 1 of 5 user agents at 16:04 = 20% (the bound holds);
        // aws-cli is never rarer than 75%; 16:05 has no value to measure.
        new("c7", "2024-05-01T16:04:00.000Z", "111122223333", 20, "made-p1 made-p2 made-p3 made-p4 made-p5", "curl/8.5.0"),
    };

    [Fact]
    public void LoginStreamsGiveTheHandDerivedAlerts()
    {
        (JsonElement[] alerts, string summary) = Run(Logins);
        Assert.Equal(LoginAlerts.Select(e => e.ToString()), CorrelationAlerts(alerts).Select(e => e.ToString()));
        // generate: true everywhere, so the referenced rules still alert on their own (9 failed logins, 2 logins, 1 key).
        Assert.Equal(9, alerts.Count(a => a.GetProperty("kibana.alert.rule.rule_id").GetString() == "6393e346-1977-46ef-8987-ad414a145fad"));
        Assert.Equal(2, alerts.Count(a => a.GetProperty("kibana.alert.rule.rule_id").GetString() == "77caf516-34e5-4df9-b4db-20744fea0a60"));
        // Four correlations get hits here (c1–c4); the summary counts the stages that ran.
        Assert.Contains("correlation: 4 rule(s)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void MetricStreamGivesTheHandDerivedAlertsGzippedOrNot()
    {
        Assert.Equal(MetricAlerts.Select(e => e.ToString()), CorrelationAlerts(Run(new[] { Made("made-metrics.ndjson") }).Alerts).Select(e => e.ToString()));
        Assert.Equal(MetricAlerts.Select(e => e.ToString()), CorrelationAlerts(Run(new[] { Made("made-metrics.ndjson.gz") }).Alerts).Select(e => e.ToString()));
    }

    [Fact]
    public void AlertsCarryElasticStyleFields()
    {
        JsonElement chain = Run(Logins).Alerts.Where(IsCorrelation)
            .Single(a => a.GetProperty("kibana.alert.rule.rule_id").GetString() == Prefix + "3" && a.GetProperty("@timestamp").GetString() == "2024-05-01T11:02:00.000Z");
        Assert.Equal("AWS Console Brute Force Followed by a Login Without MFA", chain.GetProperty("kibana.alert.rule.name").GetString());
        Assert.Equal("critical", chain.GetProperty("kibana.alert.severity").GetString());
        Assert.Equal(IpB, chain.GetProperty("sourceIPAddress").GetString());
        JsonElement c = chain.GetProperty("rulegen.correlation");
        Assert.Equal("temporal_ordered", c.GetProperty("type").GetString());
        Assert.Equal("2024-05-01T10:32:00.000Z", c.GetProperty("window").GetProperty("start").GetString());
        Assert.Equal("2024-05-01T11:02:00.000Z", c.GetProperty("window").GetProperty("end").GetString());
        Assert.Equal(new[] { Prefix + "1", "77caf516-34e5-4df9-b4db-20744fea0a60" }, c.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        JsonElement[] ancestors = chain.GetProperty("kibana.alert.ancestors").EnumerateArray().ToArray();
        Assert.Equal(new[] { "signal", "event" }, ancestors.Select(a => a.GetProperty("type").GetString()));
        Assert.Equal("made-s2", ancestors[1].GetProperty("id").GetString());
        Assert.Equal("2024-05-01T11:02:00.000Z", chain.GetProperty("kibana.alert.original_time").GetString());
    }

    /// <summary>The same events in any order, split over any number of files (gzip or not), on any thread count: the same alerts.</summary>
    [Fact]
    public void OrderSplitCompressionAndThreadsDoNotChangeTheAlerts()
    {
        string[] lines = Logins.Concat(new[] { Made("made-metrics.ndjson") }).SelectMany(File.ReadAllLines).ToArray();
        string expected = string.Join("\n", LoginAlerts.Concat(MetricAlerts).Select(e => e.ToString()).OrderBy(s => s, StringComparer.Ordinal));
        string folder = Path.Combine(Path.GetTempPath(), "rulegen-corr-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Gen.Select(Gen.Int, Gen.Int[1, 4], Gen.Int[1, 3], Gen.Bool).Sample((seed, parts, threads, gzip) =>
            {
                var random = new Random(seed);
                string[] shuffled = lines.OrderBy(_ => random.Next()).ToArray();
                var files = new List<string>();
                for (int p = 0; p < parts; p++)
                {
                    string path = Path.Combine(folder, $"{seed}-{p}.ndjson" + (gzip && p == 0 ? ".gz" : ""));
                    string text = string.Join("\n", shuffled.Where((_, i) => i % parts == p)) + "\n";
                    if (gzip && p == 0)
                    {
                        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
                        gz.Write(System.Text.Encoding.UTF8.GetBytes(text));
                    }
                    else File.WriteAllText(path, text);
                    files.Add(path);
                }
                string actual = string.Join("\n", CorrelationAlerts(Run(files, threads: threads).Alerts).Select(e => e.ToString()).OrderBy(s => s, StringComparer.Ordinal));
                Assert.Equal(expected, actual);
            }, iter: 12);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
