using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.MadeStream;

namespace RuleGen.Tests.Windows;

/// <summary>
/// new_terms, as WindowOrderPropertyTests does for threshold: the same events in any order, split over any number of
/// files, added from any number of threads, give the same alerts (ticks, terms, first documents, duplicates dropped);
/// and a gzip input scans as the plain file does, ids included.
/// </summary>
public class NewTermsOrderPropertyTests
{
    private static List<Event> ReadNewTerms(params string[] files)
    {
        var events = new List<Event>();
        foreach (string file in files)
        {
            long line = 0;
            foreach (string text in File.ReadLines(Repository.Data("new_terms", file)))
            {
                line++;
                using var doc = System.Text.Json.JsonDocument.Parse(text);
                var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var p in doc.RootElement.EnumerateObject())
                    fields[p.Name] = p.Value.ValueKind == System.Text.Json.JsonValueKind.Array
                        ? p.Value.EnumerateArray().Select(v => v.ToString()).ToArray()
                        : new[] { p.Value.ToString() };
                events.Add(new Event(file, line, fields));
            }
        }
        return events;
    }

    private static StageHit? Hit(Event e, NewTermsSpec spec)
    {
        string? timestamp = e.One("@timestamp");
        if (!EventTime.TryChoose(e.One("event.ingested"), timestamp, false, out long t)) return null;
        return new StageHit(t, timestamp, StageHit.IdentityOf(e.One("_id"), e.One("event.id"), e.File, e.Line), e.File, e.Line,
            spec.Fields.Select(e.All).ToArray(), Array.Empty<string>());
    }

    /// <summary>The alerts without their ids (a file's name is its _index, and the split renames files), plus the dropped duplicates.</summary>
    private static string Signature(WindowStage stage)
    {
        List<WindowAlert> alerts = stage.Finish();
        return string.Join("\n", alerts.Cast<NewTermsAlert>().Select(a => $"{a.Timestamp} {string.Join("|", a.Terms)} {a.First.Identity} {a.OriginalTime}"))
            + $"\n{stage.Counters.Ticks} ticks, {stage.DuplicateIds} duplicates";
    }

    [Fact]
    public void OrderSplitAndThreadsDoNotChangeTheAlerts()
    {
        // The MADE streams as one rule would see them (every event of these files but one passes its rule's query;
        // the AssumedRole call is left out by hand), with the rules' fields.
        var cases = new (NewTermsSpec Spec, List<Event> Events)[]
        {
            (new NewTermsSpec("GCI", new[] { "aws.cloudtrail.user_identity.arn" }, "now-10d"),
                ReadNewTerms("made-getcalleridentity.ndjson").Where(e => e.One("aws.cloudtrail.user_identity.type") != "AssumedRole").ToList()),
            (new NewTermsSpec("ASR", new[] { "aws.cloudtrail.user_identity.invoked_by", "aws.cloudtrail.resources.arn" }, "now-5d"),
                ReadNewTerms("made-role-assumption-a.ndjson", "made-role-assumption-b.ndjson")),
            (new NewTermsSpec("ARP", new[] { "cloud.account.id", "user.name", "entity.target.id" }, "now-7d"),
                ReadNewTerms("made-assume-role-policy.ndjson")),
        };
        var schedule = TickSchedule.ElasticDefault();
        string[] expected = cases.Select(c =>
        {
            var stage = new WindowStage(c.Spec, schedule);
            foreach (Event e in c.Events) if (Hit(e, c.Spec) is StageHit hit) stage.Add(hit);
            return Signature(stage);
        }).ToArray();
        // Hand-derived counts (NewTermsRuleTests): 6 alerts and 2 duplicates; 4 and 0; 4 and 0.
        Assert.EndsWith("5 ticks, 2 duplicates", expected[0]);
        Assert.Equal(new[] { 7, 5, 5 }, expected.Select(s => s.Split('\n').Length));

        Gen.Select(Gen.Int, Gen.Int[1, 5], Gen.Int[1, 4]).Sample((seed, files, threads) =>
        {
            var random = new Random(seed);
            for (int i = 0; i < cases.Length; i++)
            {
                Event[] shuffled = cases[i].Events.OrderBy(_ => random.Next()).ToArray();
                Event[] split = shuffled.Select((e, n) => e with { File = $"part{n % files}", Line = n / files + 1 }).ToArray();
                var stage = new WindowStage(cases[i].Spec, schedule);
                Parallel.ForEach(split, new ParallelOptions { MaxDegreeOfParallelism = threads }, e =>
                {
                    if (Hit(e, cases[i].Spec) is StageHit hit) stage.Add(hit);
                });
                Assert.Equal(expected[i], Signature(stage));
            }
        }, iter: 40);
    }

    [Fact]
    public void AGzipInputGivesTheSameAlertsAndIdsAsThePlainFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rulegen-nt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string gz = Path.Combine(dir, "made-role-assumption-a.ndjson.gz");
            using (FileStream input = File.OpenRead(Repository.Data("new_terms", "made-role-assumption-a.ndjson")))
            using (var output = new GZipStream(File.Create(gz), CompressionLevel.Optimal))
                input.CopyTo(output);
            string plainB = Repository.Data("new_terms", "made-role-assumption-b.ndjson");
            (NewTermsScan.Alert[] zipped, string summary) = NewTermsScan.Scan(new[] { gz, plainB });
            (NewTermsScan.Alert[] plain, _) = NewTermsScan.ScanMade("made-role-assumption-a.ndjson", "made-role-assumption-b.ndjson");
            Assert.Equal(4, zipped.Length);
            Assert.Equal(plain.Select(a => (a.Id, a.Brief)), zipped.Select(a => (a.Id, a.Brief)));
            Assert.Equal(gz, zipped[0].File);
            Assert.Contains("5 events in 2 file(s)", summary);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
