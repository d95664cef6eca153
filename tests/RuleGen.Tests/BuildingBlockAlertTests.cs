using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Tests.Rules;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// A rule with <c>building_block_type: default</c> marks its alerts with <c>kibana.alert.building_block_type</c>, as
/// Kibana's build_alert does (just before <c>kibana.alert.severity</c>); an ordinary rule's alerts have no such field.
/// </summary>
public class BuildingBlockAlertTests
{
    private const string Query = "from logs-*\n| where event.action == \"CreateLoginProfile\"";

    private static readonly byte[] Event = Encoding.UTF8.GetBytes("{\"event\":{\"action\":\"CreateLoginProfile\"}}");

    private static RuleSet TwoRules() => GeneratorHarness.Load(GeneratorHarness.Run(new[]
    {
        new InMemoryRuleFile("/repo/rules/bb.yml", RuleYaml.With(Query, name: "Building block", id: "bb") + "building_block_type: default\n"),
        new InMemoryRuleFile("/repo/rules/plain.yml", RuleYaml.With(Query, name: "Plain", id: "plain")),
    }, "BuildingBlock.Rules"), "BuildingBlock.Rules");

    private static Dictionary<string, JsonElement> AlertsByRule(RuleSet rules)
    {
        var result = EventFixtures.Scan(rules, "bb.ndjson", Event);
        Assert.Empty(result.Problems);
        var alerts = new Dictionary<string, JsonElement>();
        foreach (RuleMatch match in result.Matches)
        {
            var output = new MemoryStream();
            using (var writer = new AlertWriter(output)) writer.Write(match);
            alerts.Add(match.Rule.Metadata.RuleId, JsonDocument.Parse(output.ToArray()).RootElement.Clone());
        }
        return alerts;
    }

    [Fact]
    public void OnlyTheBuildingBlockRulesAlertCarriesTheField()
    {
        RuleSet rules = TwoRules();
        Assert.Equal("default", rules.Rules.Single(r => r.Metadata.RuleId == "bb").Metadata.BuildingBlockType);
        Assert.Null(rules.Rules.Single(r => r.Metadata.RuleId == "plain").Metadata.BuildingBlockType);

        Dictionary<string, JsonElement> alerts = AlertsByRule(rules);
        Assert.Equal(new[] { "bb", "plain" }, alerts.Keys.Order());
        Assert.Equal("default", alerts["bb"].GetProperty("kibana.alert.building_block_type").GetString());
        Assert.False(alerts["plain"].TryGetProperty("kibana.alert.building_block_type", out _));
    }

    [Fact]
    public void TheFieldComesRightBeforeTheSeverityAsKibanaWritesIt()
    {
        Dictionary<string, JsonElement> alerts = AlertsByRule(TwoRules());
        string[] names = alerts["bb"].EnumerateObject().Select(p => p.Name).ToArray();
        int at = System.Array.IndexOf(names, "kibana.alert.building_block_type");
        Assert.Equal(new[] { "kibana.alert.rule.name", "kibana.alert.building_block_type", "kibana.alert.severity" }, names[(at - 1)..(at + 2)]);
        // Apart from it, the two alerts have the same fields in the same order.
        Assert.Equal(alerts["plain"].EnumerateObject().Select(p => p.Name), names.Where(n => n != "kibana.alert.building_block_type"));
    }

    [Fact]
    public void TheRepositorysBuildingBlockRuleSaysSoInItsTypedAlertAndItsAlertJson()
    {
        // rules/persistence_aws_iam_login_profile_added_to_user.yml has building_block_type: default; the seed rule has not.
        byte[] made = File.ReadAllBytes(Repository.Path("samples", "logs", "made-seed-ecs.ndjson"));
        var result = EventFixtures.Scan(CompiledRules.All, "made-seed-ecs.ndjson", made);
        RuleMatch buildingBlock = result.Matches.First(m => m.Rule.Metadata.Name == "AWS IAM Login Profile Added to User");
        RuleMatch seed = result.Matches.First(m => m.Rule.Metadata.RuleId == EventFixtures.SeedRuleId);

        Assert.Equal("default", AwsIamLoginProfileAddedToUser.ToAlert(buildingBlock).Match.Rule.Metadata.BuildingBlockType);
        Assert.Null(AwsIamLoginProfileAddedForRoot.ToAlert(seed).Match.Rule.Metadata.BuildingBlockType);

        var output = new MemoryStream();
        using (var writer = new AlertWriter(output))
        {
            writer.Write(buildingBlock);
            writer.Write(seed);
        }
        JsonElement[] lines = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal("default", lines[0].GetProperty("kibana.alert.building_block_type").GetString());
        Assert.False(lines[1].TryGetProperty("kibana.alert.building_block_type", out _));
    }
}
