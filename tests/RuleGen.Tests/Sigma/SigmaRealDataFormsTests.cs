using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// Issue 9: "the real events of ../shared/data/real end to end, over raw records and over their ECS form: the
/// verdicts must agree, except where the mapping's documented losses explain it." SigmaHQ's 40 AWS rules
/// (Data/corpus/sigma-aws) over every real raw record of Data (Data/real, all datasets, and Elastic's
/// Data/raw-cloudtrail), once as the raw record and once as the ECS document Elastic's integration would index
/// (<see cref="EcsOnlyDocument"/>). A (rule, record) pair whose verdicts differ must be explained by an RG0080
/// warning of that rule whose loss applies to that record (<see cref="EcsLossWarning.AppliesTo"/>); the summary
/// table is pinned (Snapshots/sigma-real-data-forms.txt) and quoted in docs/sigma-fields.md.
/// </summary>
public class SigmaRealDataFormsTests(ITestOutputHelper output)
{
    /// <summary>
    /// Regression (found by the test above): a real Panther DeleteBucket record has errorCode "". Raw, "" is present,
    /// so SigmaHQ's "errorCode: null" does not hold; the integration drops it, so on ECS it holds. Only '' tests were
    /// warned about; a null (or exists) test is bitten by the same loss and now says so.
    /// </summary>
    [Fact]
    public void ANullTestIsWarnedAboutBecauseTheIntegrationDropsEmpties()
    {
        string path = Repository.Data("corpus", "sigma-aws", "aws_cloudtrail_bucket_deleted.yml");
        var run = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/sigma/aws_cloudtrail_bucket_deleted.yml", File.ReadAllText(path)) }, "Test.Rules");
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "RG0080");
        Assert.Contains("'errorCode' is tested for null or exists (empties-dropped)", warning.GetMessage());
        Assert.Equal("        errorCode: null", File.ReadAllLines(path)[warning.Location.GetLineSpan().StartLinePosition.Line]);

        string line = File.ReadAllLines(Repository.Data("real", "panther-tests", "aws_s3_bucket_deleted.ndjson"))
            .First(l => l.Contains("\"errorCode\":\"\"", StringComparison.Ordinal) || l.Contains("\"errorCode\": \"\"", StringComparison.Ordinal));
        using JsonDocument test = JsonDocument.Parse(line);
        JsonElement record = test.RootElement.GetProperty("event");
        var scanner = new Scanner(GeneratorHarness.Load(run, "Test.Rules"));
        bool Fires(string json, InputFormat format)
        {
            bool fired = false;
            scanner.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), format, _ => fired = true, p => Assert.Fail(p));
            return fired;
        }
        Assert.False(Fires(record.GetRawText(), InputFormat.CloudTrailRecords));
        Assert.True(Fires(EcsOnlyDocument.Of(record).ToJsonString(), InputFormat.NdJson));
        Assert.Contains(run.GeneratorDiagnostics.Where(d => d.Id == "RG0080").Select(EcsLossWarning.Parse), w => w.AppliesTo(record, JsonDocument.Parse(EcsOnlyDocument.Of(record).ToJsonString()).RootElement));
    }

    private static string Files(List<string> names) => names.Count == 14 ? "all 14" : names.Count + ": " + string.Join(", ", names);

    private static string Dataset(string file)
    {
        string relative = Path.GetRelativePath(Repository.Data(), file).Replace('\\', '/');
        string[] parts = relative.Split('/');
        return parts[0] == "real" ? parts[1] : parts[0];
    }

    private static string Id(JsonElement record) =>
        record.TryGetProperty("eventID", out JsonElement id) ? id.ToString() : record.TryGetProperty("eventName", out JsonElement name) ? name.ToString() : "?";

    private static string Title(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ((YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode)[new YamlScalarNode("title")]).Value!;
    }
}
