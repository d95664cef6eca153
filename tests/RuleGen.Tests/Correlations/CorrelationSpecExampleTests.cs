using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime.Correlations;
using Xunit;

namespace RuleGen.Tests.Correlations;

/// <summary>
/// The specification's own complete example ("Failed Logins Followed by Successful Login", Data/sigma-spec), its four
/// YAML documents one per file (the same four in one file, as the spec writes them: SigmaCollections/SigmaCollectionTests): a temporal_ordered chain on an event_count, both
/// referring by name. It compiles with no error and the chain is resolved as written.
/// </summary>
public class CorrelationSpecExampleTests
{
    [Fact]
    public void TheSpecificationsChainedExampleCompiles()
    {
        string spec = File.ReadAllText(Repository.Data("sigma-spec", "sigma-correlation-rules-specification.md"));
        int at = spec.IndexOf("### Failed Logins Followed by Successful Login", StringComparison.Ordinal);
        int start = spec.IndexOf("```yml\n", at, StringComparison.Ordinal) + "```yml\n".Length;
        string block = spec.Substring(start, spec.IndexOf("```", start, StringComparison.Ordinal) - start);
        string[] documents = block.Split("\n---\n");
        Assert.Equal(4, documents.Length);
        var result = GeneratorHarness.Run(documents.Select((d, i) => new InMemoryRuleFile($"/repo/rules/spec_example_{i}.yml", d)).ToArray());
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var rules = GeneratorHarness.Load(result);
        CorrelationSpec outer = rules.Rules.Select(r => r.Stateful).OfType<CorrelationSpec>().Single(s => s.Type == CorrelationType.TemporalOrdered);
        Assert.Equal(new[] { "a8418a5a-5fc4-46b5-b23b-6c73beb19d41", "4d0a2c83-c62c-4ed4-b475-c7e23a9269b8" }, outer.References.Select(r => r.RuleId));
        Assert.True(outer.References[0].IsCorrelation);
        Assert.Equal(2, outer.Condition.Bounds[0].Value);
        CorrelationSpec inner = rules.Rules.Select(r => r.Stateful).OfType<CorrelationSpec>().Single(s => s.Type == CorrelationType.EventCount);
        Assert.Equal(600_000, inner.TimespanMs);
        Assert.False(inner.Generate);
    }
}
