using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>The threat of a rule checked against ATT&amp;CK Enterprise 18.1, each mistake at its own YAML value.</summary>
public class AttackTests
{
    private const string Query = "from logs-*\n| where event.action == \"x\"";

    private static string Rule(string threat) =>
        RuleYaml.With(Query, "risk_score: 73", "risk_score: 73\n" + threat.Trim('\n'));

    private const string Good = """
        threat:
          - framework: MITRE ATT&CK
            tactic: {id: TA0003, name: Persistence, reference: "https://attack.mitre.org/tactics/TA0003/"}
            technique:
              - id: T1078
                name: Valid Accounts
                reference: "https://attack.mitre.org/techniques/T1078/"
                subtechnique:
                  - {id: T1078.004, name: Cloud Accounts, reference: "https://attack.mitre.org/techniques/T1078/004/"}
              - {id: T1098, name: Account Manipulation, reference: "https://attack.mitre.org/techniques/T1098/"}
        """;

    private static Diagnostic Only(string yaml, string id)
    {
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", yaml));
        Diagnostic d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, d.Id);
        return d;
    }

    private static void At(Diagnostic d, string yaml, string text, int occurrence = 1)
    {
        var span = d.Location.GetLineSpan();
        Assert.Equal(RuleYaml.PositionOf(yaml, text, occurrence), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Fact]
    public void TheSeedRulesThreatIsValid() =>
        Assert.Empty(GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", Rule(Good))).GeneratorDiagnostics);

    [Fact]
    public void UnknownIdSuggestsTheIdOfTheName()
    {
        string yaml = Rule(Good.Replace("id: TA0003", "id: TA0099"));
        Diagnostic d = Only(yaml, "RG0030");
        At(d, yaml, "TA0099");
        Assert.Contains("'Persistence' is TA0003", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ATechniqueIdWhereATacticBelongs()
    {
        string yaml = Rule(Good.Replace("id: TA0003, name: Persistence", "id: T1098, name: Persistence"));
        Assert.Contains("'Persistence' is TA0003", Only(yaml, "RG0030").GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void NameMustMatchTheId()
    {
        string yaml = Rule(Good.Replace("name: Account Manipulation", "name: Account Manipulations"));
        Diagnostic d = Only(yaml, "RG0031");
        At(d, yaml, "Account Manipulations");
        Assert.Contains("T1098 is named 'Account Manipulation'", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void RevokedIdNamesTheFinalReplacement()
    {
        // T1162 was revoked by T1547.011, itself revoked by T1647: the chain is followed to its end.
        string yaml = Rule(Good.Replace("{id: T1098, name: Account Manipulation, reference: \"https://attack.mitre.org/techniques/T1098/\"}", "{id: T1162, name: Login Item}"));
        Diagnostic d = Only(yaml, "RG0032");
        At(d, yaml, "T1162");
        Assert.Contains("use T1647 (Plist File Modification)", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void DeprecatedIdIsAWarningWithMitresHint()
    {
        string yaml = RuleYaml.With(Query, "risk_score: 73", "risk_score: 73\n" + """
            threat:
              - framework: MITRE ATT&CK
                tactic: {id: TA0011, name: Command and Control, reference: "https://attack.mitre.org/tactics/TA0011/"}
                technique:
                  - {id: T1043, name: Commonly Used Port, reference: "https://attack.mitre.org/techniques/T1043/"}
            """);
        Diagnostic d = Only(yaml, "RG0033");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("MITRE suggests T1571", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void SubtechniqueUnderTheWrongParent()
    {
        string yaml = Rule(Good.Replace("{id: T1098, name: Account Manipulation, reference: \"https://attack.mitre.org/techniques/T1098/\"}",
            "id: T1098\n        name: Account Manipulation\n        subtechnique: [{id: T1078.004, name: Cloud Accounts}]"));
        Diagnostic d = Only(yaml, "RG0034");
        At(d, yaml, "T1078.004", 2);
        Assert.Contains("T1078.004 is a sub-technique of T1078, not of T1098", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void TechniqueOutsideTheTactic()
    {
        string yaml = Rule(Good.Replace("id: TA0003, name: Persistence, reference: \"https://attack.mitre.org/tactics/TA0003/\"",
            "id: TA0010, name: Exfiltration, reference: \"https://attack.mitre.org/tactics/TA0010/\""));
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", yaml));
        Assert.Equal(new[] { "RG0035", "RG0035" }, result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Contains("T1098 (Account Manipulation) is not a technique of TA0010 (Exfiltration); its tactics: TA0003 Persistence, TA0004 Privilege Escalation",
            result.GeneratorDiagnostics.Last().GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceMustMatchTheId()
    {
        string yaml = Rule(Good.Replace("https://attack.mitre.org/techniques/T1098/", "https://attack.mitre.org/techniques/T1078/"));
        Diagnostic d = Only(yaml, "RG0036");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        At(d, yaml, "\"https://attack.mitre.org/techniques/T1078/\"", 2);
    }

    [Fact]
    public void OtherFrameworksAreLeftAlone() =>
        Assert.Empty(GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", Rule(Good.Replace("MITRE ATT&CK", "MITRE ATLAS").Replace("TA0003", "AML.TA0004")))).GeneratorDiagnostics);

    [Fact]
    public void AProjectCanBringItsOwnCatalogue()
    {
        // A catalogue in which TA0003 is called something else: the project's file wins over the embedded one.
        string catalogue = "id\tkind\tname\tparent\ttactics\ttactic_shortname\tdeprecated\trevoked_by\turl\n" +
            "TA0003\ttactic\tStaying Power\t\t\tpersistence\tfalse\t\thttps://attack.mitre.org/tactics/TA0003\n";
        var result = GeneratorHarness.Run(new[]
        {
            new InMemoryRuleFile("/repo/rules/r.yml", RuleYaml.With(Query, "risk_score: 73", "risk_score: 73\nthreat:\n  - framework: MITRE ATT&CK\n    tactic: {id: TA0003, name: Persistence}")),
            new InMemoryRuleFile("/repo/attack/enterprise-attack.tsv", catalogue),
        }, "Test.Rules");
        Diagnostic d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RG0031", d.Id);
        Assert.Contains("named 'Staying Power' in enterprise-attack.tsv", d.GetMessage(), System.StringComparison.Ordinal);
    }
}
