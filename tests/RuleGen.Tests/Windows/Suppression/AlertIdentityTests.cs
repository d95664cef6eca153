using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.Suppression.SuppressionScan;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>
/// Alert ids that hash the document (Kibana's generateId: index + _id + version + space:rule) name the document by
/// its <c>_id</c>, else <c>event.id</c>, else CloudTrail's <c>eventID</c>, else its file and line; the generator keeps
/// those columns (StatefulKeep) for the stage to read.
/// </summary>
public class AlertIdentityTests
{
    [Fact]
    public void TheIdUsesIdThenEventIdThenEventIDThenFileAndLine()
    {
        RuleSet rules = Compile(Rule("eql", "any where event.action == \"GetObject\"", "alert_suppression:\n  group_by: [user.name]\n"), "AlertIdentity.Rules");
        CompiledRule rule = rules.Rules.Single();
        Assert.Equal(new[] { "user.name", "@timestamp", "_id", "event.id", "eventID" }, rule.Keep.Where(k => k is "user.name" or "@timestamp" or "_id" or "event.id" or "eventID"));

        (JsonElement[] alerts, _) = Scan(rules, WindowOptions.Default, "made-identity.ndjson");
        string file = Repository.Data("suppression", "made-identity.ndjson");
        Assert.Equal(new[]
        {
            SuppressionIds.Document(file, "doc-1", "SU-RULE"),
            SuppressionIds.Document(file, "ev-2", "SU-RULE"),
            SuppressionIds.Document(file, "ct-3", "SU-RULE"),
            SuppressionIds.Document(file, file + ":4", "SU-RULE"),
            SuppressionIds.Document(file, file + ":5", "SU-RULE"),
        }, alerts.Select(a => a.GetProperty("kibana.alert.uuid").GetString()));
        Assert.Equal(5, alerts.Select(a => a.GetProperty("kibana.alert.uuid").GetString()).Distinct().Count());
    }

    [Fact]
    public void TheDocumentIdIsSha256OfIndexIdVersionAndSpaceRule()
    {
        // printf '%s' "made.ndjsondoc-11default:R" | sha256sum
        Assert.Equal("bdf17f77f7b5b0d6021ae98295ea0c3d67619cb04f8ae4c20b9043a69c8f80e0", SuppressionIds.Document("made.ndjson", "doc-1", "R"));
    }
}
