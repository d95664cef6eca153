using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// <c>fieldref</c> on ECS documents: the referenced field is a field like the tested one, so its ECS place and its
/// losses are warned about (RG0080) at the value, and one Elastic's integration keeps nowhere makes the item FALSE
/// on ECS documents, as a tested field with no place does (docs/sigma-fields.md).
/// </summary>
public class SigmaFieldRefFormTests
{
    private static GeneratorHarness.Result Run(string detection) => GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/ref.yml",
        "title: Field references\nid: 5f0e1a2b-0000-4000-8000-0000000000f3\nstatus: test\ndescription: A test.\nauthor: RuleGen\n" +
        "level: medium\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n" + detection));

    private static string[] Warnings(GeneratorHarness.Result run) =>
        run.GeneratorDiagnostics.Where(d => d.Id == "RG0080").Select(d => d.GetMessage()).ToArray();

    [Fact]
    public void AReferencedFieldWithNoEcsPlaceIsWarnedAbout()
    {
        var run = Run("  sel:\n    eventName: CreateUser\n    userIdentity.accountId|fieldref: vpcEndpointAccountId\n  condition: sel\n");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(Warnings(run), m => m.Contains("'vpcEndpointAccountId' has no field"));
    }

    [Fact]
    public void AReferencedFieldThatLosesInformationIsWarnedAbout()
    {
        var run = Run("  sel:\n    requestParameters.userName|fieldref: userIdentity.userName\n  condition: sel\n");
        Assert.Contains(Warnings(run), m => m.Contains("'userIdentity.userName' is tested at 'user.name'") && m.Contains("merged"));
    }

    [Fact]
    public void UnderAllAReferenceWithNoEcsPlaceMakesTheItemFalseOnBothForms()
    {
        // Real record (Elastic's pipeline test test-create-user-json.log) and Elastic's ECS document of it: the raw
        // record has no vpcEndpointAccountId, so the AND is FALSE there; on ECS it must not shrink to its other half.
        string raw = File.ReadAllLines(Repository.Data("raw-cloudtrail", "test-create-user-json.log"))[0];
        string ecs = File.ReadAllLines(Repository.Data("ecs-cloudtrail", "test-create-user-json.log-expected.ndjson"))[0];
        var scanner = new Scanner(GeneratorHarness.Load(Run(
            "  sel:\n    eventName: CreateUser\n  ref:\n    userIdentity.accountId|fieldref|all:\n      - userIdentity.accountId\n      - vpcEndpointAccountId\n" +
            "  condition: sel and ref\n"), "Test.Rules"));
        var halfOnly = new Scanner(GeneratorHarness.Load(Run(
            "  sel:\n    eventName: CreateUser\n    userIdentity.accountId|fieldref: userIdentity.accountId\n  condition: sel\n"), "Test.Rules"));
        bool Fires(Scanner s, string json)
        {
            bool fired = false;
            s.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
            return fired;
        }
        Assert.Equal((true, true), (Fires(halfOnly, raw), Fires(halfOnly, ecs))); // not vacuous: the other half holds on both
        Assert.Equal((false, false), (Fires(scanner, raw), Fires(scanner, ecs)));
    }
}
