using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Sigma.Checks
{
    /// <summary>
    /// A search identifier no condition uses is a warning at its name (RG0070), as pySigma's dangling-detection
    /// validator reports it. A use is a name, or a <c>1/all of</c> pattern or <c>them</c> that matches it (spec
    /// "Condition": <c>them</c> leaves out names starting with <c>_</c>). An identifier used but not defined is the
    /// reader's error, with a did-you-mean (<see cref="SigmaRuleReader"/>).
    /// </summary>
    internal static class SigmaSearchUsage
    {
        public static void Check(SigmaRule rule, DiagnosticBag diagnostics)
        {
            // A condition that did not parse has its own error; what it would use is unknown, so say nothing.
            if (rule.Conditions.Count == 0 || rule.Conditions.Any(c => c.Parsed is null)) return;
            var names = rule.Searches.Select(s => s.Name).ToList();
            var used = new HashSet<string>(System.StringComparer.Ordinal);
            var guard = new DepthGuard(RuleLimits.TreeNesting, "The condition");
            foreach (SigmaConditionText condition in rule.Conditions)
            {
                SigmaConditionLeaves.Visit(condition.Parsed!, guard, leaf =>
                {
                    if (leaf is SigmaIdentifierCondition id) used.Add(id.Name);
                    else if (leaf is SigmaQuantifiedCondition q) used.UnionWith(SigmaConditionNames.Matching(q.Pattern, names));
                });
            }
            foreach (SigmaSearch search in rule.Searches)
            {
                if (!used.Contains(search.Name)) diagnostics.Add(DiagnosticCatalog.UnusedSearchIdentifier, search.Location, search.Name);
            }
        }
    }
}
