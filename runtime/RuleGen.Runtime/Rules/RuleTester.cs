using System.Collections.Generic;
using System.Text;

namespace RuleGen.Runtime;

public sealed record RuleTestResult(RuleTestCase Test, bool Passed, string Detail);

/// <summary>Runs a rule's own examples (the <c>tests</c> of its YAML file) through the same scanner as real input.</summary>
public static class RuleTester
{
    public static IEnumerable<RuleTestResult> Run(CompiledRule rule)
    {
        var scanner = new Scanner(new RuleSet(new[] { rule }));
        foreach (RuleTestCase test in rule.Metadata.Tests)
        {
            bool matched = false;
            string? problem = null;
            scanner.ScanDocument(Encoding.UTF8.GetBytes(test.EventJson), new DocumentPosition(test.Name, 1), InputFormat.NdJson,
                _ => matched = true, p => problem = p);
            bool passed = problem is null && matched == test.ExpectMatch;
            string detail = problem ?? (test.ExpectMatch ? "expected a match, the rule did not fire" : "expected no match, the rule fired");
            yield return new RuleTestResult(test, passed, passed ? string.Empty : detail);
        }
    }
}
