using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator.Languages.Sigma.Correlations
{
    /// <summary>
    /// The correlation checks that need the whole rule set, located at the reference: a reference that names no rule
    /// (with the closest id or name), one that names two, a referenced rule with no id (matches are routed by id), and
    /// chains that come back to where they started.
    /// </summary>
    internal static class SigmaCorrelationChecks
    {
        public static EquatableArray<DiagnosticInfo> Diagnostics(IEnumerable<CorrelationSite> correlations, IEnumerable<RuleIdentity> identities)
        {
            List<RuleIdentity> rules = identities.OrderBy(i => i.FilePath, StringComparer.Ordinal).ToList();
            List<CorrelationSite> sites = correlations.OrderBy(c => c.FilePath, StringComparer.Ordinal).ToList();
            var bag = new DiagnosticBag();
            var names = rules.Where(r => r.RuleId.Length > 0).Select(r => r.RuleId).Concat(rules.Where(r => r.SigmaName is not null).Select(r => r.SigmaName!)).Distinct(StringComparer.Ordinal).ToList();
            // Correlation id → the correlations it refers to, with the reference's position, for the cycle search.
            var edges = new Dictionary<string, List<(string Target, CorrelationReferenceSite At)>>(StringComparer.Ordinal);
            foreach (CorrelationSite site in sites)
            {
                var list = edges[site.RuleId] = new List<(string, CorrelationReferenceSite)>();
                foreach (CorrelationReferenceSite reference in site.References)
                {
                    var byId = rules.Where(r => r.RuleId.Length > 0 && r.RuleId == reference.Text).ToList();
                    var matches = byId.Count > 0 ? byId : rules.Where(r => r.SigmaName == reference.Text).ToList();
                    if (matches.Count == 0)
                    {
                        bag.Add(DiagnosticCatalog.CorrelationUnknownReference, reference.At, reference.Text, DidYouMean.Suffix(reference.Text, names, bag));
                        continue;
                    }
                    if (matches.Count > 1)
                    {
                        bag.Add(DiagnosticCatalog.CorrelationInvalid, reference.At,
                            $"'{reference.Text}' names {matches.Count} rules ({string.Join(", ", matches.Select(m => System.IO.Path.GetFileName(m.FilePath)))}): ids and names a correlation refers to must be unique");
                        continue;
                    }
                    RuleIdentity target = matches[0];
                    if (target.RuleId.Length == 0)
                    {
                        bag.Add(DiagnosticCatalog.CorrelationInvalid, reference.At, $"the rule named '{reference.Text}' has no id; a correlation routes the matches of its rules by id");
                        continue;
                    }
                    if (target.IsCorrelation) list.Add((target.RuleId, reference));
                }
            }
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (CorrelationSite site in sites) FindCycle(site.RuleId, edges, new List<string>(), reported, bag);
            return bag.ToEquatableArray();
        }

        /// <summary>Depth-first from one correlation: a reference back to a correlation on the current path closes a cycle.</summary>
        private static void FindCycle(string start, Dictionary<string, List<(string Target, CorrelationReferenceSite At)>> edges, List<string> path,
            HashSet<string> reported, DiagnosticBag bag)
        {
            if (path.Count > 64 || !edges.TryGetValue(start, out var next)) return;
            path.Add(start);
            foreach ((string target, CorrelationReferenceSite at) in next)
            {
                int i = path.IndexOf(target);
                if (i >= 0)
                {
                    // Reported once, at the reference that closes it, from the cycle's first correlation in file order.
                    if (i == 0 && reported.Add(string.Join(">", path.OrderBy(p => p, StringComparer.Ordinal))))
                        bag.Add(DiagnosticCatalog.CorrelationCycle, at.At, string.Join(" → ", path.Skip(i).Concat(new[] { target })));
                    continue;
                }
                FindCycle(target, edges, path, reported, bag);
            }
            path.RemoveAt(path.Count - 1);
        }
    }
}
