using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleGen.Runtime;
using RuleGen.Runtime.Sequences;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Sequences;

/// <summary>
/// The sequence rules the tests run, compiled once by the generator: Elastic's Bedrock rule as imported into rules/,
/// and two MADE rules (Data/sequence/MANIFEST.txt); and a way to scan MADE streams through a compiled rule into its
/// window stage, as `rulegen scan` does.
/// </summary>
internal static class SequenceRules
{
    public const string Namespace = "Sequence.Rules";
    public const string BedrockId = "a17f2e5f-de52-49e8-9d86-ccfe91cd54d4";
    public const string ExfilId = "5e9c2a61-0d7b-4c1e-9a3f-6b2d8e4f1a70";
    public const string LookBackId = "0f4d7b3e-8a21-4c69-b5e0-2d9f6a1c3e84";

    public const string ExfilYaml = """
        rule_id: 5e9c2a61-0d7b-4c1e-9a3f-6b2d8e4f1a70
        name: Exfiltration after login (MADE)
        description: A made rule for the sequence tests.
        severity: high
        risk_score: 73
        language: eql
        type: eql
        interval: 5m
        from: now-10m
        query: |
          sequence by user.name with maxspan=5m
            [any where event.action == "Login"] by source.ip
            [any where event.action == "Download"] by source.ip with runs=2
            [any where event.action == "Upload"] by ?source.ip
          until [any where event.action == "Logout"] by source.ip

        """;

    public const string LookBackYaml = """
        rule_id: 0f4d7b3e-8a21-4c69-b5e0-2d9f6a1c3e84
        name: Login then upload, longer than the look-back (MADE)
        description: A made rule whose maxspan is longer than its look-back.
        severity: low
        risk_score: 21
        language: eql
        type: eql
        interval: 5m
        from: now-10m
        query: |
          sequence by user.name with maxspan=1h
            [any where event.action == "Login"]
            [any where event.action == "Upload"]

        """;

    public static IEnumerable<InMemoryRuleFile> Files() => GeneratorHarness.RepositoryFields().Concat(new[]
    {
        new InMemoryRuleFile("/repo/rules/bedrock.yml", File.ReadAllText(Repository.Path("rules", "discovery_bedrock_model_recon_and_invocation_via_long_term_key.yml"))),
        new InMemoryRuleFile("/repo/rules/exfil.yml", ExfilYaml),
        new InMemoryRuleFile("/repo/rules/lookback.yml", LookBackYaml),
    });

    private static readonly Lazy<GeneratorHarness.Result> s_compiled = new(() => GeneratorHarness.Run(Files(), Namespace));

    public static GeneratorHarness.Result Compiled => s_compiled.Value;

    private static readonly Lazy<RuleSet> s_rules = new(() => GeneratorHarness.Load(Compiled, Namespace));

    public static RuleSet All => s_rules.Value;

    public static CompiledRule Rule(string id) => All.Rules.Single(r => r.Metadata.RuleId == id);

    /// <summary>The rule alone, so that the other rules' events do not reach its stage.</summary>
    public static RuleSet Only(string id) => new(new[] { Rule(id) });

    /// <summary>Scans the files through the rule's filter into one window stage; the alerts in tick order, and the stage.</summary>
    public static (List<WindowAlert> Alerts, WindowStage Stage) Scan(string id, IEnumerable<string> paths, int threads = 2, WindowOptions? options = null)
    {
        CompiledRule rule = Rule(id);
        WindowOptions windows = options ?? WindowOptions.Default;
        var stage = new WindowStage(rule.Stateful!, RuleSchedule.Of(rule.Metadata, windows.ScheduleStartMs));
        var scanner = new Scanner(Only(id), new ScanOptions { Threads = threads });
        var problems = new List<string>();
        foreach (string path in paths)
            scanner.ScanFile(path, m =>
            {
                if (rule.Stateful!.Hit(m, windows) is StageHit hit) stage.Add(hit);
            }, problems.Add);
        Assert.Empty(problems);
        return (stage.Finish(), stage);
    }

    public static string[] Data(params string[] files) => files.Select(f => Repository.Data("sequence", f)).ToArray();

    /// <summary>"10:10 shell bd-1,bd-2" or "10:10 block 0 bd-1": the tick (UTC HH:mm), the alert and its events.</summary>
    public static string Describe(WindowAlert alert)
    {
        string tick = alert.Timestamp.Substring(11, 5);
        return alert switch
        {
            SequenceShellAlert shell => $"{tick} shell {string.Join(",", shell.Events.Select(e => e.Identity))}",
            SequenceBuildingBlockAlert block => $"{tick} block {block.GroupIndex} {block.Hit.Identity}",
            _ => throw new ArgumentException(alert.GetType().Name),
        };
    }
}
