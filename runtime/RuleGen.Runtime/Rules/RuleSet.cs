using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Runtime;

/// <summary>
/// Rules that are scanned together: the union of the fields they read gets one slot each, so an event is read once
/// for all of them.
/// </summary>
public sealed class RuleSet
{
    public RuleSet(IReadOnlyList<CompiledRule> rules)
    {
        Rules = rules;
        var fields = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        SlotMaps = new int[rules.Count][];
        for (int r = 0; r < rules.Count; r++)
        {
            IReadOnlyList<string> ruleFields = rules[r].Fields;
            int[] map = new int[ruleFields.Count];
            for (int f = 0; f < ruleFields.Count; f++)
            {
                if (!index.TryGetValue(ruleFields[f], out int slot))
                {
                    slot = fields.Count;
                    index.Add(ruleFields[f], slot);
                    fields.Add(ruleFields[f]);
                }
                map[f] = slot;
            }
            SlotMaps[r] = map;
        }
        Fields = fields;
    }

    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>Every field any rule reads; slot i holds field i.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Per rule: its field number → the rule set's slot.</summary>
    internal int[][] SlotMaps { get; }

    /// <summary>The rules whose id or name is in <paramref name="selectors"/> (names compare case-insensitively).</summary>
    public RuleSet Select(IEnumerable<string> selectors, out IReadOnlyList<string> unknown)
    {
        var wanted = selectors.ToList();
        var chosen = Rules.Where(r => wanted.Any(s => Matches(r, s))).ToList();
        unknown = wanted.Where(s => !Rules.Any(r => Matches(r, s))).ToList();
        return new RuleSet(chosen);
    }

    private static bool Matches(CompiledRule rule, string selector) =>
        string.Equals(rule.Metadata.RuleId, selector, StringComparison.OrdinalIgnoreCase)
        || string.Equals(rule.Metadata.Name, selector, StringComparison.OrdinalIgnoreCase);
}
