using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Sequences;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Sequences.SequenceRules;

namespace RuleGen.Tests.Sequences;

/// <summary>
/// Compiled sequence rules over MADE streams, tick by tick, with every expected alert derived by hand in the comments
/// from Kibana's EQL executor (one fresh EQL search per execution over [t_k + from, t_k]; a sequence = a shell alert then
/// one building block per event, ids as build_alert_group_from_sequence.ts derives them; create-only ids).
/// </summary>
public class SequenceTickTests
{
    [Fact]
    public void TheBedrockRuleGivesItsSequencesOncePerIdAtTheTicksThatFirstHoldThem()
    {
        // interval 10m, from now-30m: ticks on the 10-minute grid, window [t - 30m, t]; maxspan 15m; T = event.ingested
        // else @timestamp; order by @timestamp.
        // bd-1 10:02 + bd-2 10:05 (AKIA…A): windows 10:10, 10:20, 10:30 hold both -> found at 10:10, twice repeated.
        // bd-3 11:00 + bd-4 11:15 (exactly maxspan, inclusive): windows 11:20 and 11:30 -> at 11:20, once repeated.
        // bd-5 12:00 + bd-6 12:15:00.001: 1 ms over maxspan -> never. bd-7/bd-8: an ASIA key is not stage 1 -> never.
        // bd-9 (@14:00, ingested 14:00), bd-10 (@14:05, ingested 14:31), bd-11 (@14:08, ingested 14:15):
        //   14:10 [13:40,14:10] holds bd-9 only; 14:20 [13:50,14:20] and 14:30 [14:00,14:30] hold bd-9, bd-11 -> (bd-9, bd-11);
        //   14:40 [14:10,14:40] holds bd-11, bd-10 -> ordered by @timestamp bd-10 then bd-11 -> (bd-10, bd-11): a new
        //   sequence sharing bd-11, so new ids, bd-11's building block included.
        var (alerts, stage) = Scan(BedrockId, Data("made-bedrock-a.ndjson", "made-bedrock-b.ndjson"));
        Assert.Equal(new[]
        {
            "10:10 shell bd-1,bd-2", "10:10 block 0 bd-1", "10:10 block 1 bd-2",
            "11:20 shell bd-3,bd-4", "11:20 block 0 bd-3", "11:20 block 1 bd-4",
            "14:20 shell bd-9,bd-11", "14:20 block 0 bd-9", "14:20 block 1 bd-11",
            "14:40 shell bd-10,bd-11", "14:40 block 0 bd-10", "14:40 block 1 bd-11",
        }, alerts.Select(Describe));
        // 2 x 3 at 10:20/10:30, 3 at 11:30, 3 at 14:30.
        Assert.Equal(12, stage.DuplicateIds);
        // 10:10 … the horizon 15:10 (the first window starting after the last T, 14:31).
        Assert.Equal(23, stage.Counters.Ticks);
        Assert.Equal(10, stage.Hits);

        // Ids by Kibana's recipe, computed by hand (sha256 hex; rule uuid := rule_id; _index := the document's, else ""):
        // block i = sha256(Σ(id + index + rule) + i), shell = sha256(Σ(id + index + block id) + rule).
        Assert.Equal("85ae3ae3bb522a47806bdd924563cd65498b43c76b0948817ab63b7a14714c38", alerts[0].Id);
        Assert.Equal("a70956d6b00ae096d3de2d930b584f2df1359ee7e9eb20ac789676d71deaf7f6", alerts[1].Id);
        Assert.Equal("666a36f18ff8782d1157c93147e3cd912bc9385d756e38e6bfb6c027322f33b1", alerts[2].Id);
        Assert.Equal("4414e636866dd7c8bf56406eda9c192591b8b9970cdd42d2e02121bfa8c86cdf", alerts[3].Id);
        Assert.Equal("6d7fdb7e910b311bcd5d6028fc91134c3e65582508ac861549b44b64965b45e1", alerts[4].Id);
        Assert.Equal("773bfba3015ca7970acebbcc6889a3382df4272cd412d7bc00922104f25291d6", alerts[5].Id);
        Assert.NotEqual(alerts[8].Id, alerts[11].Id);
    }

    [Fact]
    public void BuildingBlocksCopyTheirEventAndTheShellHoldsWhatTheyShare()
    {
        var (alerts, _) = Scan(BedrockId, Data("made-bedrock-a.ndjson", "made-bedrock-b.ndjson"));
        CompiledRule rule = Rule(BedrockId);
        JsonElement[] written = alerts.Take(3).Select(a => Write(rule, a)).ToArray();

        JsonElement shell = written[0], first = written[1], second = written[2];
        Assert.Equal("2026-01-01T10:10:00.000Z", shell.GetProperty("@timestamp").GetString());
        // original_time: the first event's @timestamp for the shell, each event's own for a block.
        Assert.Equal("2026-01-01T10:02:00.000Z", shell.GetProperty("kibana.alert.original_time").GetString());
        Assert.Equal("2026-01-01T10:05:00.000Z", second.GetProperty("kibana.alert.original_time").GetString());
        Assert.Equal(alerts[0].Id, shell.GetProperty("kibana.alert.group.id").GetString());
        Assert.False(shell.TryGetProperty("kibana.alert.building_block_type", out _));
        // Shared by both events: the key, provider, outcome; not the action, the id or the time.
        Assert.Equal("AKIAEXAMPLEA", shell.GetProperty("aws.cloudtrail.user_identity.access_key_id").GetString());
        Assert.Equal("bedrock.amazonaws.com", shell.GetProperty("event.provider").GetString());
        Assert.False(shell.TryGetProperty("event.action", out _));
        Assert.False(shell.TryGetProperty("event.id", out _));

        Assert.Equal("default", first.GetProperty("kibana.alert.building_block_type").GetString());
        Assert.Equal(alerts[0].Id, first.GetProperty("kibana.alert.group.id").GetString());
        Assert.Equal(0, first.GetProperty("kibana.alert.group.index").GetInt32());
        Assert.Equal(1, second.GetProperty("kibana.alert.group.index").GetInt32());
        Assert.Equal("ListFoundationModels", first.GetProperty("event.action").GetString());
        Assert.Equal("InvokeModel", second.GetProperty("event.action").GetString());
        Assert.Equal("bd-1", first.GetProperty("kibana.alert.ancestors")[0].GetProperty("id").GetString());
        // The copy's @timestamp is the execution's, once (the event's time is original_time).
        Assert.Equal("2026-01-01T10:10:00.000Z", first.GetProperty("@timestamp").GetString());
    }

    private static JsonElement Write(CompiledRule rule, WindowAlert alert)
    {
        var output = new MemoryStream();
        using (var writer = new AlertWriter(output)) writer.Write(rule, alert);
        string line = System.Text.Encoding.UTF8.GetString(output.ToArray());
        Assert.Single(line.Split("\"@timestamp\"")[1..]);
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    [Fact]
    public void UntilRunsPerStageKeysOptionalKeysAndTheMaxspanEdge()
    {
        // sequence by user.name with maxspan=5m [Login] by source.ip [Download] by source.ip with runs=2
        // [Upload] by ?source.ip until [Logout] by source.ip; interval 5m, from now-10m: windows [t - 10m, t].
        // a: Login, Download, Download, Upload 09:00-09:03 (u1, ip1), then Logout 09:04 after the last: found in
        //    windows 09:05 and 09:10 -> alerts at 09:05 (shell + 4 blocks), repeated at 09:10.
        // b: Login, Download, Logout, Download, Upload (u2): the Logout drops the pending sequence -> never.
        // c: c1 Login ip3, c2 Download ip4 (another key), c3 c4 Download ip3, c5 Upload without source.ip (?source.ip:
        //    key [u3, null], not [u3, ip3]), c6 Upload ip3 -> (c1, c3, c4, c6) at 11:05, repeated at 11:10.
        // d: no source.ip at all: stage 1's key is not optional, so Login never starts one -> never.
        // e: Login 13:00 … Upload 13:05:00 = maxspan exactly (inclusive) -> at 13:05, repeated at 13:10.
        // f: the same 1 ms longer -> window 14:10 holds all four, maxspan rejects -> never.
        var (alerts, stage) = Scan(ExfilId, Data("made-exfil.ndjson"));
        Assert.Equal(new[]
        {
            "09:05 shell a1,a2,a3,a4", "09:05 block 0 a1", "09:05 block 1 a2", "09:05 block 2 a3", "09:05 block 3 a4",
            "11:05 shell c1,c3,c4,c6", "11:05 block 0 c1", "11:05 block 1 c3", "11:05 block 2 c4", "11:05 block 3 c6",
            "13:05 shell e1,e2,e3,e4", "13:05 block 0 e1", "13:05 block 1 e2", "13:05 block 2 e3", "13:05 block 3 e4",
        }, alerts.Select(Describe));
        Assert.Equal(15, stage.DuplicateIds);
        // 09:00 (the first window holding 09:00) … 14:20 (the first window starting after 14:05:00.001).
        Assert.Equal(20, stage.Counters.Ticks);
        // Every event reaches the stage (each matches a stage or until), d's included: the keys decide, not the filter.
        Assert.Equal(28, stage.Hits);
    }

    [Fact]
    public void ASequenceLongerThanTheLookBackIsNeverFound()
    {
        // maxspan=1h but from now-10m: g1 15:00 + g2 15:20 are within maxspan, yet no window [t - 10m, t] holds both;
        // g3 16:00 + g4 16:09 -> window 16:10 [16:00, 16:10] -> found there only (16:15 starts after g3).
        var (alerts, stage) = Scan(LookBackId, Data("made-lookback.ndjson"));
        Assert.Equal(new[] { "16:10 shell g3,g4", "16:10 block 0 g3", "16:10 block 1 g4" }, alerts.Select(Describe));
        Assert.Equal(0, stage.DuplicateIds);
    }

    [Fact]
    public void WholeInputModeFindsTheLongSequenceTheTicksCannot()
    {
        // The EQL search API over the whole input (one window): g1+g2 are 20 min apart, within maxspan=1h.
        var spec = (SequenceSpec)Rule(LookBackId).Stateful!;
        var hits = new System.Collections.Generic.List<StageHit>();
        new Scanner(Only(LookBackId)).ScanFile(Data("made-lookback.ndjson")[0], m => hits.Add(spec.Hit(m, WindowOptions.Default)!), p => Assert.Fail(p));
        var events = hits.Select((h, i) => new SequenceEvent<string>(new SequenceOrdinal(h.TimeMs, null, h.Line),
            new[] { h.Match!.StageMask == 1 ? new SequenceKey(h.GroupValues[0]) : null, h.Match!.StageMask == 2 ? new SequenceKey(h.GroupValues[0]) : null }, null, h.Identity));
        var (found, _) = WholeInputSequenceSearch.Run(spec.Plan, events);
        Assert.Equal(new[] { "g1,g2", "g3,g4" }, found.Select(s => string.Join(",", s)));
    }
}
