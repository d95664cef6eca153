using System.Text;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// An ECS document is recognised by its aws.cloudtrail.* fields in every spelling Elasticsearch accepts: nested
/// objects or dotted names (docs/semantics.md, the dotted shape), including aws.cloudtrail fields no rule reads. A
/// document not recognised is read by the rule's raw names, so a Sigma rule would miss it.
/// </summary>
public class SigmaDottedEcsFormTests
{
    [Theory]
    [InlineData("{\"aws\":{\"cloudtrail\":{\"event_version\":\"1.08\"}},\"event\":{\"action\":\"CreateUser\"}}")]
    [InlineData("{\"aws.cloudtrail.event_version\":\"1.08\",\"event.action\":\"CreateUser\"}")]
    [InlineData("{\"aws\":{\"cloudtrail.event_version\":\"1.08\"},\"event.action\":\"CreateUser\"}")]
    [InlineData("{\"aws.cloudtrail\":{\"event_version\":\"1.08\"},\"event.action\":\"CreateUser\"}")]
    public void AnEcsCloudTrailDocumentIsRecognisedInEverySpelling(string ecs)
    {
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/created.yml",
            "title: User created\nid: 5f0e1a2b-0000-4000-8000-0000000000f4\nstatus: test\ndescription: A test.\nauthor: RuleGen\n" +
            "level: medium\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  sel:\n    eventName: CreateUser\n  condition: sel\n"));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var scanner = new Scanner(GeneratorHarness.Load(run, "Test.Rules"));
        bool fired = false;
        scanner.ScanDocument(Encoding.UTF8.GetBytes(ecs), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
        Assert.True(fired);
    }
}
