using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Emitting;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Planning
{
    /// <summary>What a correlation may refer to: a compiled rule or correlation of the set, by id or Sigma name (no positions).</summary>
    internal sealed record RuleTarget(string FilePath, string RuleId, string? SigmaName, bool IsCorrelation);

    /// <summary>A correlation of the set, before its references are resolved.</summary>
    internal sealed record CorrelationInput(string FilePath, SigmaCorrelationModel Model);

    /// <summary>A correlation's references, resolved.</summary>
    internal sealed record ResolvedCorrelation(string FilePath, EquatableArray<ResolvedReferenceModel> References);

    /// <summary>The columns a referenced rule must keep so its matches can be grouped and measured by the correlations on it.</summary>
    internal sealed record KeepNeed(string FilePath, EquatableArray<string> Fields);

    /// <summary>Every correlation's references, and every referenced rule's extra columns: one value for the whole set.</summary>
    internal sealed record CorrelationResolutionTable(EquatableArray<ResolvedCorrelation> Correlations, EquatableArray<KeepNeed> Needs)
    {
        public static readonly CorrelationResolutionTable Empty = new(EquatableArray<ResolvedCorrelation>.Empty, EquatableArray<KeepNeed>.Empty);
    }

    /// <summary>
    /// Resolves correlation references across the rule set (by id first, then by Sigma <c>name</c>: the spec lets
    /// <c>rules</c> name either), and works out what the referenced rules keep: the field of each group-by entry in
    /// that rule's events (through aliases), the condition's field, @timestamp and the identity fields. A rule's
    /// emission depends only on its own entry of the table, so an edit to one correlation re-emits that correlation
    /// and the rules whose kept columns change, and nothing else. Unresolvable references are left out here and
    /// reported, located, by <see cref="Languages.Sigma.Correlations.SigmaCorrelationChecks"/>.
    /// </summary>
    internal static class CorrelationResolution
    {
        public static CorrelationResolutionTable Resolve(IEnumerable<RuleTarget> targets, IEnumerable<CorrelationInput> correlations)
        {
            List<RuleTarget> all = targets.OrderBy(t => t.FilePath, StringComparer.Ordinal).ToList();
            var resolved = new List<ResolvedCorrelation>();
            var needs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (CorrelationInput correlation in correlations.OrderBy(c => c.FilePath, StringComparer.Ordinal))
            {
                SigmaCorrelationModel model = correlation.Model;
                var references = new List<ResolvedReferenceModel>();
                foreach (string text in model.Rules)
                {
                    RuleTarget? target = Find(all, text);
                    if (target is null || target.RuleId.Length == 0) continue;
                    var fields = model.GroupBy.Select(g => model.FieldFor(g, text)).ToEquatableArray();
                    references.Add(new ResolvedReferenceModel(target.RuleId, fields, model.Field, target.IsCorrelation));
                    if (target.IsCorrelation) continue;
                    if (!needs.TryGetValue(target.FilePath, out List<string>? keep)) needs[target.FilePath] = keep = new List<string>();
                    foreach (string field in fields) Add(keep, field);
                    if (model.Field is string measured) Add(keep, measured);
                }
                resolved.Add(new ResolvedCorrelation(correlation.FilePath, references.ToEquatableArray()));
            }
            return new CorrelationResolutionTable(resolved.ToEquatableArray(),
                needs.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => new KeepNeed(n.Key, n.Value.ToEquatableArray())).ToEquatableArray());
        }

        /// <summary>The rule a reference names: by rule id, else by Sigma name; null when none or more than one.</summary>
        public static RuleTarget? Find(IReadOnlyList<RuleTarget> targets, string text)
        {
            var byId = targets.Where(t => t.RuleId.Length > 0 && string.Equals(t.RuleId, text, StringComparison.Ordinal)).ToList();
            if (byId.Count > 0) return byId.Count == 1 ? byId[0] : null;
            var byName = targets.Where(t => t.SigmaName == text).ToList();
            return byName.Count == 1 ? byName[0] : null;
        }

        /// <summary>One rule with what the table says of it: a correlation's resolved references, a referenced rule's extra columns.</summary>
        public static RuleModel Apply(RuleModel rule, CorrelationResolutionTable table)
        {
            if (rule.Correlation is SigmaCorrelationModel correlation)
            {
                ResolvedCorrelation? mine = table.Correlations.FirstOrDefault(c => c.FilePath == rule.FilePath);
                return rule with { Correlation = correlation with { Resolved = mine?.References ?? EquatableArray<ResolvedReferenceModel>.Empty } };
            }
            KeepNeed? need = table.Needs.FirstOrDefault(n => n.FilePath == rule.FilePath);
            if (need is null) return rule;
            // Not StatefulKeep.Of: a hit's time is the match's own @timestamp (Sigma has no timestamp_override), so only the
            // correlation's fields and the identity fields are added; the rule's own alerts gain no @timestamp column.
            var keep = new List<string>(rule.Plan.Keep);
            foreach (string field in need.Fields.Concat(IdentityFields)) Add(keep, field);
            // The added columns have no schema type here (binding is per file); they are written as the event has them.
            var columns = rule.AlertColumns.ToList();
            foreach (string column in keep)
                if (column.IndexOf('*') < 0 && columns.All(c => c.Column != column)) columns.Add(new AlertColumn(column, AlertValueKind.Json, false));
            return rule with { Plan = rule.Plan with { Keep = keep.ToEquatableArray() }, AlertColumns = columns.ToEquatableArray() };
        }

        /// <summary>The document identity an alert's ancestors name (StageHit.IdentityFields).</summary>
        private static readonly string[] IdentityFields = { "_id", "event.id", "eventID" };

        private static void Add(List<string> list, string value)
        {
            if (!list.Contains(value)) list.Add(value);
        }
    }
}
