using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Binding
{
    /// <summary>What one rule file claims to be: its rule_id and name, and where they are written.</summary>
    internal sealed record RuleIdentity(string FilePath, string RuleId, string Name, LocationInfo? RuleIdLocation, LocationInfo? NameLocation)
    {
        /// <summary>A Sigma rule's or correlation's <c>name</c>, by which a correlation may refer to it.</summary>
        public string? SigmaName { get; init; }

        /// <summary>True for a Sigma correlation rule.</summary>
        public bool IsCorrelation { get; init; }
    }

    /// <summary>Checks across the rules of a compilation.</summary>
    internal static class RuleSetChecks
    {
        /// <summary>
        /// Every rule-set diagnostic, located: duplicate ids and names, and the classes that were renamed (RG0044, at the
        /// rule's name). In file order, duplicates first.
        /// </summary>
        public static EquatableArray<DiagnosticInfo> Diagnostics(IEnumerable<RuleIdentity> identities, Emitting.ClassNameTable names)
        {
            var rules = identities.OrderBy(i => i.FilePath, StringComparer.Ordinal).ToEquatableArray();
            var diagnostics = Duplicates(rules).ToList();
            foreach (Emitting.ClassRename rename in names.Renames)
            {
                RuleIdentity? rule = rules.FirstOrDefault(r => r.FilePath == rename.FilePath);
                diagnostics.Add(rename.ToDiagnostic(rule?.NameLocation));
            }
            return diagnostics.ToEquatableArray();
        }

        /// <summary>
        /// A rule_id used by more than one file: an error at each of them, naming the others (Kibana refuses a second rule
        /// with one rule_id). A name used twice: a warning only, as Kibana allows it and ClassNames settles the classes; a
        /// SigmaHQ rule may carry the very title of an Elastic rule for the same behaviour.
        /// </summary>
        public static IEnumerable<DiagnosticInfo> Duplicates(EquatableArray<RuleIdentity> rules)
        {
            foreach (var group in rules.Where(r => r.RuleId.Length > 0).GroupBy(r => r.RuleId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                foreach (RuleIdentity rule in group)
                {
                    yield return DiagnosticInfo.Create(DiagnosticCatalog.DuplicateRuleId, rule.RuleIdLocation, rule.RuleId, Others(group, rule));
                }
            }
            foreach (var group in rules.Where(r => r.Name.Length > 0).GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                foreach (RuleIdentity rule in group)
                {
                    yield return DiagnosticInfo.Create(DiagnosticCatalog.DuplicateRuleName, rule.NameLocation, rule.Name, Others(group, rule));
                }
            }
        }

        private static string Others(IEnumerable<RuleIdentity> group, RuleIdentity self) =>
            string.Join(", ", group.Where(r => !ReferenceEquals(r, self)).Select(r => Path.GetFileName(r.FilePath)));
    }
}
