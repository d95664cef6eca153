using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// A field or whole-object subtree spelt many times in one event (dotted names below the object, repeated keys) costs
/// memory in proportion to the event, not to the square of its spellings: each spelling used to copy every value
/// gathered before it, so a 0.3 MB event with 8,000 dotted members of request_parameters grew the arena by hundreds of
/// megabytes (and a 64 MiB event past 2 GB). Elasticsearch indexes every spelling; so does the scanner, in order.
/// </summary>
public class SigmaSubtreeSpellingsTests
{
    private const int Spellings = 8000;

    private static RuleGen.Runtime.RuleSet Compile()
    {
        const string rule = "title: Versioning suspended\nid: 5f0e1a2b-0000-4000-8000-0000000000f2\nstatus: test\ndescription: A test.\n" +
            "author: RuleGen\nlevel: medium\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n" +
            "  sel:\n    eventName: PutBucketVersioning\n    requestParameters|contains: Suspended\n  condition: sel\n";
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/versioning.yml", rule));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return GeneratorHarness.Load(run, "Test.Rules");
    }

    /// <summary>An ECS document (Elastic's names) whose members are spelt <paramref name="member"/>(i) at the top level.</summary>
    private static byte[] Event(Func<int, string> member, string last)
    {
        var json = new StringBuilder("{\"aws\":{\"cloudtrail\":{\"event_version\":\"1.08\"}},\"event\":{\"action\":\"PutBucketVersioning\"}");
        for (int i = 0; i < Spellings; i++) json.Append(',').Append(member(i));
        return Encoding.UTF8.GetBytes(json.Append(',').Append(last).Append('}').ToString());
    }

    private static (bool Fired, long Allocated) Scan(byte[] document)
    {
        var scanner = new Scanner(Compile(), new ScanOptions { Threads = 1 });
        bool fired = false;
        long before = GC.GetAllocatedBytesForCurrentThread();
        scanner.ScanDocument(document, new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
        return (fired, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ManyDottedMembersOfAWholeObjectAreGatheredInLinearMemory()
    {
        byte[] document = Event(i => $"\"aws.cloudtrail.flattened.request_parameters.k{i}\":\"Enabled\"",
            "\"aws.cloudtrail.flattened.request_parameters.Status\":\"Suspended\"");
        var (fired, allocated) = Scan(document);
        Assert.True(fired, "the last spelling's value is below the object: the rule fires");
        Assert.True(allocated < 64L * document.Length, $"{allocated:N0} bytes allocated for a {document.Length:N0}-byte event");
    }

    [Fact]
    public void AFieldSpeltManyTimesIsMergedInLinearMemory()
    {
        // event.action spelt once nested and 8,000 times dotted: one multivalue of 8,001 values.
        byte[] document = Event(_ => "\"event.action\":\"PutBucketVersioning\"",
            "\"aws.cloudtrail.flattened.request_parameters\":{\"Status\":\"Suspended\"}");
        var (fired, allocated) = Scan(document);
        Assert.True(fired);
        Assert.True(allocated < 64L * document.Length, $"{allocated:N0} bytes allocated for a {document.Length:N0}-byte event");
    }

    [Fact]
    public void SpellingsOfTwoFieldsInTurnAreMergedInLinearMemory()
    {
        // A dotted member of the whole object, then event.action again with an escape (unescaped into the arena):
        // each field's values are never the last thing written when its next spelling comes.
        byte[] document = Event(i => $"\"aws.cloudtrail.flattened.request_parameters.k{i}\":\"Enabled\",\"event.action\":\"Put\\u0042ucketVersioning\"",
            "\"aws.cloudtrail.flattened.request_parameters.Status\":\"Suspended\"");
        var (fired, allocated) = Scan(document);
        Assert.True(fired);
        Assert.True(allocated < 64L * document.Length, $"{allocated:N0} bytes allocated for a {document.Length:N0}-byte event");
    }
}
