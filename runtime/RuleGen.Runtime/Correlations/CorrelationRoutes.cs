using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Correlations;

/// <summary>
/// Which correlations each rule feeds, built once from a scan's rules: a match of a referenced rule (or an alert of a
/// referenced correlation, for chains) is a hit of every correlation that refers to it. Also decides whether the
/// referenced rule still writes its own alerts: the spec's <c>generate</c> (default false) says whether the referenced
/// rules are "converted as stand-alone rules"; a rule is silent only when every correlation that refers to it says
/// false, since one that says true asks for the stand-alone rule, and a stand-alone rule alerts on every match.
/// </summary>
public sealed class CorrelationRoutes
{
    public static readonly CorrelationRoutes None = new(Array.Empty<CompiledRule>());

    private readonly Dictionary<string, List<(CompiledRule Correlation, CorrelationSpec Spec)>> _feeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _generate = new(StringComparer.Ordinal);
    private readonly Dictionary<CompiledRule, int> _depth = new();

    public CorrelationRoutes(IEnumerable<CompiledRule> rules)
    {
        var correlations = new Dictionary<string, CorrelationSpec>(StringComparer.Ordinal);
        var all = new List<CompiledRule>();
        foreach (CompiledRule rule in rules)
        {
            if (rule.Stateful is not CorrelationSpec spec) continue;
            all.Add(rule);
            correlations[rule.Metadata.RuleId] = spec;
            foreach (CorrelationReference reference in spec.References)
            {
                if (!_feeds.TryGetValue(reference.RuleId, out var list)) _feeds[reference.RuleId] = list = new();
                list.Add((rule, spec));
                _generate[reference.RuleId] = _generate.TryGetValue(reference.RuleId, out bool g) ? g || spec.Generate : spec.Generate;
            }
        }
        foreach (CompiledRule rule in all) _depth[rule] = Depth(rule.Metadata.RuleId, correlations, new HashSet<string>(StringComparer.Ordinal));
    }

    public bool IsEmpty => _feeds.Count == 0;

    /// <summary>The correlations a rule id feeds (empty when none refers to it).</summary>
    public IReadOnlyList<(CompiledRule Correlation, CorrelationSpec Spec)> Feeds(string ruleId) =>
        _feeds.TryGetValue(ruleId, out var list) ? list : Array.Empty<(CompiledRule, CorrelationSpec)>();

    /// <summary>True when the rule's own alerts are not written: referenced, and no referring correlation generates it.</summary>
    public bool Silenced(string ruleId) => _generate.TryGetValue(ruleId, out bool generate) && !generate;

    /// <summary>How deep in a chain a rule is (0 for a rule that is not a correlation): inner stages finish first.</summary>
    public int DepthOf(CompiledRule rule) => _depth.TryGetValue(rule, out int depth) ? depth : 0;

    private static int Depth(string ruleId, Dictionary<string, CorrelationSpec> correlations, HashSet<string> seen)
    {
        if (!correlations.TryGetValue(ruleId, out CorrelationSpec? spec) || !seen.Add(ruleId)) return 0;
        int depth = 0;
        foreach (CorrelationReference reference in spec.References) depth = Math.Max(depth, Depth(reference.RuleId, correlations, seen));
        seen.Remove(ruleId);
        return depth + 1;
    }
}
