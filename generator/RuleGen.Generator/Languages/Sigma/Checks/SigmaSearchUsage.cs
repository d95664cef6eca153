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
            foreach (SigmaConditionText condition in rule.Conditions) Collect(condition.Parsed!, names, used, guard);
            foreach (SigmaSearch search in rule.Searches)
            {
                if (!used.Contains(search.Name)) diagnostics.Add(DiagnosticCatalog.UnusedSearchIdentifier, search.Location, search.Name);
            }
        }

        private static void Collect(SigmaCondition condition, List<string> names, HashSet<string> used, DepthGuard guard)
        {
            using DepthGuard.Level level = guard.Enter(condition.Start, condition.Length);
            switch (condition)
            {
                case SigmaIdentifierCondition id:
                    used.Add(id.Name);
                    break;
                case SigmaQuantifiedCondition q:
                    used.UnionWith(SigmaConditionNames.Matching(q.Pattern, names));
                    break;
                case SigmaNotCondition not:
                    Collect(not.Operand, names, used, guard);
                    break;
                case SigmaBinaryCondition binary:
                    foreach (SigmaCondition operand in binary.Operands) Collect(operand, names, used, guard);
                    break;
            }
        }
    }
}
