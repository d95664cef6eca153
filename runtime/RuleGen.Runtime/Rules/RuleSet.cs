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

    /// <summary>
    /// A rule set with a field table computed at build time (the generated <c>CompiledRules.All</c>): every field
    /// any rule reads, and per rule its map from field number to slot. Checked once against the rules.
    /// </summary>
    public RuleSet(IReadOnlyList<CompiledRule> rules, string[] fields, int[][] slotMaps)
    {
        if (slotMaps.Length != rules.Count) throw new ArgumentException("one slot map per rule", nameof(slotMaps));
        for (int r = 0; r < rules.Count; r++)
        {
            for (int f = 0; f < rules[r].Fields.Count; f++)
            {
                if (fields[slotMaps[r][f]] != rules[r].Fields[f])
                {
                    throw new ArgumentException($"slot map of {rules[r]} does not match its fields", nameof(slotMaps));
                }
            }
        }
        Rules = rules;
        Fields = fields;
        SlotMaps = slotMaps;
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
